"""Reading what clerks type: Vietnamese numbers, targets as resolutions phrase them, dates, labels.

Everything here is a vectorised Polars expression so a national load parses millions of cells
without a Python loop. Each parser returns null for text it cannot read; the Pandera models then
report the cell (a raw value present, no parsed value).

Numbers: a cell Excel stores as a number is exact and used as is. A cell typed as text is read
the Vietnamese way: '.' groups thousands and ',' marks decimals ("7.978,01" is 7978.01,
"12,5%" is 12.5). A text dot followed by anything but groups of three digits is a decimal point
("12.5" is 12.5), since no Vietnamese writer would group "12.5".
"""

from __future__ import annotations

import re

import polars as pl

from schemas.vocab import Vocabulary, fold

_NUMBER_TOKEN = r"[+\-]?\d[\d.,]*"


def fold_expr(expr: pl.Expr) -> pl.Expr:
    """Lowercase without diacritics, single spaces: the expression twin of ``schemas.vocab.fold``."""
    return (
        expr.str.to_lowercase()
        .str.normalize("NFKD")
        .str.replace_all(r"\p{Mn}", "")
        .str.replace_all("đ", "d")
        .str.replace_all(r"\s+", " ")
        .str.strip_chars()
    )


def with_folded(frame: pl.DataFrame, column: str, out: str) -> pl.DataFrame:
    """Add ``out``: ``column`` folded (lowercase, no diacritics), computed once per distinct value.

    Names and units repeat across thousands of workbooks; folding each distinct text once and
    joining it back is far cheaper than normalising every cell.
    """
    values = frame.get_column(column).drop_nulls().unique()
    mapping = pl.DataFrame(
        {column: values, out: [fold(v) for v in values.to_list()]}, schema={column: pl.Utf8, out: pl.Utf8}
    )
    return frame.join(mapping, on=column, how="left")


def _clean_number_text(expr: pl.Expr) -> pl.Expr:
    return (
        expr.str.replace_all(r"[\s\u00a0\u202f]", "")
        .str.replace_all("\u2212", "-")
        .str.replace(r"^\+", "")
        .str.replace(r"%$", "")
    )


def vn_number_from_text(expr: pl.Expr) -> pl.Expr:
    """Parse number text written the Vietnamese way; null when it is not a number."""
    t = _clean_number_text(expr)
    thousands = t.str.contains(r"^-?[1-9]\d{0,2}(\.\d{3})+(,\d+)?$")
    comma_decimal = t.str.contains(r"^-?\d+(,\d+)?$")
    dot_decimal = t.str.contains(r"^-?\d*\.\d+$")
    normalised = (
        pl.when(thousands)
        .then(t.str.replace_all(r"\.", "").str.replace(",", "."))
        .when(comma_decimal)
        .then(t.str.replace(",", "."))
        .when(dot_decimal)
        .then(t)
        .otherwise(pl.lit(None, dtype=pl.Utf8))
    )
    return normalised.cast(pl.Float64, strict=False)


def vn_number(raw: pl.Expr, is_text: pl.Expr) -> pl.Expr:
    """Parse a cell: numbers stored as numbers exactly, text the Vietnamese way."""
    return (
        pl.when(is_text).then(vn_number_from_text(raw)).otherwise(raw.str.strip_chars().cast(pl.Float64, strict=False))
    )


def whole_number(value: pl.Expr) -> pl.Expr:
    """A float that is a whole number as Int64; null otherwise (so 11,5 criteria is rejected)."""
    return (
        pl.when(value.is_not_null() & (value == value.round(0)))
        .then(value.cast(pl.Int64, strict=False))
        .otherwise(None)
    )


def _number_after(pattern_prefix: str, folded: pl.Expr) -> pl.Expr:
    token = folded.str.extract(rf"^{pattern_prefix}(?:\s+(?:la|muc|bang|dat))?\s*({_NUMBER_TOKEN})", 1)
    return vn_number_from_text(token.str.strip_chars_end(".,"))


def parse_target(frame: pl.DataFrame, raw: str, is_text: str, prefix: str = "target_") -> pl.DataFrame:
    """Add ``<prefix>form``, ``<prefix>low`` and ``<prefix>high`` parsed from a target as written.

    exact   "12,25", "12,25%", "đạt 100%", a number cell
    min     "trên 370", "hơn 370", "ít nhất 50%", "từ 80% trở lên", "80% trở lên", "≥ 80", "> 95%"
    max     "dưới 3%", "không quá 3", "tối đa 3", "≤ 3", "< 3"
    range   "6,6–6,8", "6,6 - 6,8", "từ 6,6 đến 6,8"
    about   "khoảng 4", "xấp xỉ 4", "gần 120", "~4"
    Units written after the number ("trên 370 đảng viên", "12,5%/năm") are ignored.

    Intermediate columns are computed once each (a single nested expression would re-evaluate
    every regex in every branch).
    """
    text = pl.col(raw)
    f = fold_expr(text).str.replace_all(r"\s*(≥|>=)\s*", "tren ").str.replace_all(r"\s*(≤|<=)\s*", "duoi ")
    f = f.str.replace(r"^>\s*", "tren ").str.replace(r"^<\s*", "duoi ").str.replace(r"^(~|≈)\s*", "khoang ")
    step = frame.with_columns(f.alias("_t_f"), text.str.strip_chars().cast(pl.Float64, strict=False).alias("_t_plain"))
    ft = pl.col("_t_f")
    groups = ft.str.extract_groups(rf"^(?:tu\s+)?({_NUMBER_TOKEN}?)\s*%?\s*(?:-|–|—|den|toi)\s*({_NUMBER_TOKEN})")
    step = step.with_columns(
        vn_number_from_text(groups.struct.field("1").str.strip_chars_end(".,")).alias("_t_lo"),
        vn_number_from_text(groups.struct.field("2").str.strip_chars_end(".,")).alias("_t_hi"),
        ft.str.contains("tro len").alias("_t_up"),
        pl.coalesce(
            _number_after(r"(?:tren|hon|it nhat|toi thieu|khong duoi|khong it hon|tu)", ft),
            vn_number_from_text(ft.str.extract(rf"^({_NUMBER_TOKEN})\s*%?\s*tro len", 1).str.strip_chars_end(".,")),
        ).alias("_t_min"),
        _number_after(r"(?:duoi|khong qua|toi da|khong vuot qua|thap hon|khong cao hon)", ft).alias("_t_max"),
        _number_after(r"(?:khoang|xap xi|gan|chung|uoc khoang)", ft).alias("_t_about"),
        pl.coalesce(
            _number_after(r"(?:dat|bang|la|muc)", ft),
            vn_number_from_text(
                ft.str.extract(rf"^({_NUMBER_TOKEN})\s*(?:%.*|[^\d.,].*)?$", 1).str.strip_chars_end(".,")
            ),
        ).alias("_t_exact"),
    )
    number_cell = ~pl.col(is_text) & text.is_not_null()
    is_range = pl.col("_t_lo").is_not_null() & pl.col("_t_hi").is_not_null() & ~pl.col("_t_up")
    step = step.with_columns(
        pl.when(text.is_null())
        .then(None)
        .when(number_cell & pl.col("_t_plain").is_not_null())
        .then(pl.lit("exact"))
        .when(is_range)
        .then(pl.lit("range"))
        .when(pl.col("_t_min").is_not_null())
        .then(pl.lit("min"))
        .when(pl.col("_t_max").is_not_null())
        .then(pl.lit("max"))
        .when(pl.col("_t_about").is_not_null())
        .then(pl.lit("about"))
        .when(pl.col("_t_exact").is_not_null())
        .then(pl.lit("exact"))
        .otherwise(None)
        .alias(f"{prefix}form")
    )
    form = pl.col(f"{prefix}form")
    step = step.with_columns(
        pl.when(number_cell)
        .then(pl.col("_t_plain"))
        .when(form == "range")
        .then(pl.col("_t_lo"))
        .when(form == "min")
        .then(pl.col("_t_min"))
        .when(form == "about")
        .then(pl.col("_t_about"))
        .when(form == "exact")
        .then(pl.col("_t_exact"))
        .otherwise(None)
        .alias(f"{prefix}low"),
        pl.when(number_cell)
        .then(pl.col("_t_plain"))
        .when(form == "range")
        .then(pl.col("_t_hi"))
        .when(form == "max")
        .then(pl.col("_t_max"))
        .when(form == "about")
        .then(pl.col("_t_about"))
        .when(form == "exact")
        .then(pl.col("_t_exact"))
        .otherwise(None)
        .alias(f"{prefix}high"),
    )
    return step.drop("_t_f", "_t_plain", "_t_lo", "_t_hi", "_t_up", "_t_min", "_t_max", "_t_about", "_t_exact")


def parse_span(raw: pl.Expr) -> dict[str, pl.Expr]:
    """'2023' → (2023, 2023); '2021-2023' or '2021 – 2023' → (2021, 2023); else nulls."""
    t = raw.str.strip_chars()
    groups = t.str.extract_groups(r"^(\d{4})(?:\.0)?\s*(?:[-–—]|đến|den)?\s*(\d{4})?$")
    first = groups.struct.field("1").cast(pl.Int64, strict=False)
    last = pl.coalesce(groups.struct.field("2").cast(pl.Int64, strict=False), first)
    return {"from": first, "to": last}


def parse_count_range(raw: pl.Expr, is_text: pl.Expr) -> dict[str, pl.Expr]:
    """'11' → (11, null); '9-14' or '9–14/19' → (9, 14). Values must be whole numbers."""
    t = raw.str.strip_chars()
    groups = t.str.extract_groups(r"^(\d+)\s*[-–—]\s*(\d+)(?:\s*/\s*\d+)?$")
    lo_range = groups.struct.field("1").cast(pl.Int64, strict=False)
    hi_range = groups.struct.field("2").cast(pl.Int64, strict=False)
    single_text = t.str.extract(r"^(\d+)(?:\s*/\s*\d+)?$", 1).cast(pl.Int64, strict=False)
    single = pl.when(is_text).then(single_text).otherwise(whole_number(vn_number(raw, is_text)))
    return {"low": pl.coalesce(lo_range, single), "high": hi_range}


def parse_date(raw: pl.Expr) -> pl.Expr:
    """Dates as Vietnamese clerks write them (dd/mm/yyyy, dd-mm-yyyy) or as date cells (ISO text)."""
    t = raw.str.strip_chars()
    iso = t.str.slice(0, 10).str.to_date("%Y-%m-%d", strict=False)
    groups = t.str.extract_groups(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{4})$")
    # Through text, not pl.date(): a date that does not exist (31/02/2024) is null (and reported as
    # unreadable), where pl.date() would raise and stop every locality's load.
    dmy = pl.concat_str(
        groups.struct.field("3"),
        pl.lit("-"),
        groups.struct.field("2").str.zfill(2),
        pl.lit("-"),
        groups.struct.field("1").str.zfill(2),
    ).str.to_date("%Y-%m-%d", strict=False)
    return pl.coalesce(iso, dmy)


def vocab_code(raw: pl.Expr, vocab: Vocabulary) -> pl.Expr:
    """Map any spelling of a vocabulary term to its code; null when unknown."""
    spellings = vocab.spellings()
    return fold_expr(raw).replace_strict(
        list(spellings.keys()), list(spellings.values()), default=None, return_dtype=pl.Utf8
    )


# Characters that print as nothing (zero-width space and joiners, word joiner, byte-order mark, soft
# hyphen): pasted from web pages and chat apps into codes, they would make 'poverty_rate' a new key.
INVISIBLE = "[\u200b\u200c\u200d\u2060\ufeff\u00ad]"


def clean_text(raw: pl.Expr) -> pl.Expr:
    """Drop invisible characters, trim, collapse inner whitespace (non-breaking spaces included),
    turn empty strings into null."""
    t = raw.str.replace_all(INVISIBLE, "").str.replace_all(r"[\u00a0\s]+", " ").str.strip_chars()
    return pl.when(t == "").then(None).otherwise(t)


# --- a figure as a report writes it --------------------------------------------------------------

# Qualifier words before a number (folded), by the code stored in ``*_qualifier``.
QUALIFIER_WORDS: dict[str, str] = {
    "more_than": r"tren|hon|vuot|cao hon|nhieu hon|>",
    "at_least": r"it nhat|toi thieu|khong duoi|khong it hon|≥|>=",
    "nearly": r"gan|gan dat|sap dat",
    "about": r"khoang|xap xi|chung|uoc khoang|uoc dat|uoc|~|≈",
    "less_than": r"duoi|chua den|chua toi|thap hon|it hon|<",
    "at_most": r"khong qua|toi da|khong vuot qua|khong cao hon|≤|<=",
    "exact": r"dat|bang|la|muc|dat muc",
}
_QUALIFIER = "|".join(f"(?P<{code}>{words})" for code, words in QUALIFIER_WORDS.items())
# A comparison with another period, not a level: "tăng 15% so với năm 2015", "gấp 1,5 lần năm 2015".
COMPARISON = r"\bso voi\b|\bso cung ky\b|^gap \d|\bgap [\d.,]+ lan\b|^(?:tang|giam) [\d.,]+ ?(?:%|lan)? ?so\b"
UNIT_TEXT = r"^(?:[%‰]|[^\W\d_]+(?:(?:\s*[,/]\s*|\s+)[^\W\d_]+)*(?:[²³23])?(?:\s*/\s*[^\W\d_]+)*)$|^%\s*/\s*[^\W\d_]+$"
_FIGURE = re.compile(
    rf"^(?:(?:{_QUALIFIER})\s*)?(?P<num>[+\-]?\d[\d.,]*)(?:\s*/\s*(?P<den>\d[\d.,]*))?\s*(?P<rest>.*?)\s*(?P<up>tro len)?$"
)


def decimals_written(raw: pl.Expr, is_text: pl.Expr) -> pl.Expr:
    """Decimal places the cell shows: '12,345' → 3, '1.250.000,5' → 1, '7.978' (text) → 0; a number
    cell as calamine prints it ('12.345' → 3). Null when it is not a plain number or shows more than
    six (a float's noise, such as 1/3, says nothing about what the source wrote)."""
    token = raw.str.strip_chars().str.extract(r"(\d[\d.,]*)", 1).str.strip_chars_end(".,")
    text_decimals = (
        pl.when(token.str.contains(","))
        .then(token.str.extract(r",(\d+)$", 1).str.len_chars())
        .when(token.str.contains(r"^\d{1,3}(\.\d{3})+$"))
        .then(pl.lit(0, dtype=pl.UInt32))
        .when(token.str.contains(r"\."))
        .then(token.str.extract(r"\.(\d+)$", 1).str.len_chars())
        .otherwise(pl.lit(0, dtype=pl.UInt32))
    )
    cell_decimals = (
        pl.when(raw.str.contains(r"[eE]"))
        .then(None)
        .otherwise(raw.str.extract(r"\.(\d+)$", 1).str.len_chars().fill_null(0))
    )
    decimals = pl.when(is_text).then(text_decimals).otherwise(cell_decimals).cast(pl.Int64)
    return pl.when(raw.is_null() | (decimals > 6)).then(None).otherwise(decimals)


def _join_digit_groups(text: pl.Expr) -> pl.Expr:
    """'1 341,2' and '1\u00a0341,2' (thousands grouped by a space or a non-breaking space, as
    spreadsheets of other locales write them) as '1341,2'; twice, as a match takes the digit before."""
    for _ in range(2):
        text = text.str.replace_all(r"(\d)[ \u00a0\u202f](\d{3})(\D|$)", "${1}${2}${3}")
    return text


def parse_figure(frame: pl.DataFrame, raw: str, is_text: str, out: str) -> pl.DataFrame:
    """Add the figure a cell states, the way reports write it.

    ``out``                the number (null when the cell is not a figure)
    ``out_qualifier``      exact, more_than ('trên', 'hơn'), at_least ('ít nhất', '… trở lên'), nearly
                           ('gần'), about ('khoảng'), less_than ('dưới'), at_most ('không quá');
                           null for a plain number
    ``out_text``           the cell as written, when it is text
    ``out_decimals``       decimal places written
    ``out_count`` / ``out_denominator``   '120/150 làng': 120 and 150 (``out`` is then 120)
    ``out_unit_written``   the unit written after the number ('‰', 'tỷ đồng', 'làng'), as written
    ``out_comparison``     a comparison with another period ('tăng 15% so với năm 2015'): kept, not a level
    """
    text = pl.col(raw)
    typed = pl.col(is_text)
    grouped = _join_digit_groups(text)
    folded = fold_expr(grouped)
    parts = folded.str.extract_groups(_FIGURE.pattern)
    number = vn_number_from_text(parts.struct.field("num"))
    den = vn_number_from_text(parts.struct.field("den"))
    qualifier = pl.coalesce(
        [pl.when(parts.struct.field(code).is_not_null()).then(pl.lit(code)) for code in QUALIFIER_WORDS]
    )
    qualifier = pl.when(parts.struct.field("up").is_not_null()).then(pl.lit("at_least")).otherwise(qualifier)
    rest_raw = grouped.str.strip_chars().str.extract(r"\d[\d.,]*(?:\s*/\s*\d[\d.,]*)?\s*(.*?)\s*(?:trở lên)?$", 1)
    # After the number only a unit may follow: words ('làng', 'tỷ đồng/năm') or a unit sign ('%', '‰',
    # 'km²'); anything else ('1,42 %%', '12,5 ,') is a typo, reported as unreadable.
    rest_ok = rest_raw.is_null() | (rest_raw == "") | rest_raw.str.contains(UNIT_TEXT)
    number = pl.when(rest_ok).then(number)
    is_comparison = typed & folded.str.contains(COMPARISON)
    plain = ~typed & text.is_not_null()
    step = frame.with_columns(
        pl.when(plain)
        .then(text.str.strip_chars().cast(pl.Float64, strict=False))
        .when(typed & ~is_comparison)
        .then(number)
        .alias(out),
        pl.when(typed & ~is_comparison & number.is_not_null())
        .then(pl.when(qualifier == "exact").then(None).otherwise(qualifier))
        .alias(f"{out}_qualifier"),
        pl.when(typed).then(text).alias(f"{out}_text"),
        decimals_written(text, typed).alias(f"{out}_decimals"),
        pl.when(typed & ~is_comparison & den.is_not_null()).then(number).alias(f"{out}_count"),
        pl.when(typed & ~is_comparison).then(den).alias(f"{out}_denominator"),
        pl.when(typed & ~is_comparison & number.is_not_null())
        .then(pl.when(rest_raw == "").then(None).otherwise(rest_raw))
        .alias(f"{out}_unit_written"),
        pl.when(is_comparison).then(text).alias(f"{out}_comparison"),
    )
    return step
