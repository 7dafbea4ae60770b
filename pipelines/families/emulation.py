"""A locality's emulation clusters and blocs, its scoring sheets and its council's scores (``thi-dua.xlsx``)
→ ``emulation_blocs``, ``emulation_criteria``, ``emulation_scores``. Pure Polars.

Three reference families read from one workbook in the locality's folder: the blocs (which units
compete with which, in which years), the scoring sheet of each bloc and year (criterion = an
indicator of the catalog or a score the council gives; its points; how a figure becomes points), and
the scores the council gives for the criteria it scores itself. The ranking is computed when it is
read (``analysis.units.score_units``), from the units' own figures in the marts.
"""

from __future__ import annotations

import polars as pl

from pipelines.families.base import WARNING_SCHEMA, Lookups, SheetFamily, Table, no_warnings
from pipelines.parsing.text import clean_text, parse_span, vn_number, vocab_code, whole_number
from schemas import EmulationBlocs, EmulationCriteria, EmulationScores
from schemas.messages import Message
from schemas.vocab import BLOC_KIND, SCORING_METHOD
from schemas.workbook_format import EMULATION_BLOCS_SHEET, EMULATION_CRITERIA_SHEET, EMULATION_SCORES_SHEET

WHERE = "thi-dua.xlsx (emulation workbook of the locality), optional"


def _number(column: str) -> pl.Expr:
    return vn_number(pl.col(column), pl.col(f"{column}__text"))


def _known(column: str, lookups: Lookups) -> pl.Expr:
    units = lookups.get("localities")
    codes = (
        units.get_column("locality_code").unique()
        if units is not None and units.height
        else pl.Series([], dtype=pl.Utf8)
    )
    return pl.col(column).is_null() | pl.col(column).is_in(codes.implode())


MESSAGES = {
    "bloc_code_format": Message(
        "bloc_code",
        "Mã cụm, khối phải viết chữ thường không dấu, nối bằng gạch ngang (ví dụ: cum-1, khoi-co-quan).",
        "A bloc code is lowercase ASCII joined by hyphens (e.g. cum-1, khoi-co-quan).",
    ),
    "required_bloc_code": Message("bloc_code", "Thiếu mã cụm, khối.", "The bloc code is missing."),
    "required_unit_code": Message("unit_code", "Thiếu mã đơn vị.", "The unit code is missing."),
    "parse_bloc_kind": Message(
        "bloc_kind", "Loại ghi 'Cụm thi đua' hoặc 'Khối thi đua'.", "The kind is 'Cụm thi đua' or 'Khối thi đua'."
    ),
    "parse_from_year": Message("from_year", "'Từ năm' phải là một năm (ví dụ 2026).", "'Từ năm' must be a year."),
    "parse_to_year": Message("to_year", "'Đến năm' phải là một năm (ví dụ 2030).", "'Đến năm' must be a year."),
    "years_ordered": Message("to_year", "'Đến năm' trước 'Từ năm'.", "'Đến năm' is before 'Từ năm'."),
    "known_unit_code": Message(
        "unit_code",
        "Mã đơn vị không có trong danh mục đơn vị (don-vi.xlsx).",
        "The unit code is not in the units list (don-vi.xlsx).",
    ),
    "parse_scoring_year": Message(
        "year",
        "'Năm áp dụng' phải là một năm (2026) hoặc nhiều năm (2026-2030).",
        "'Năm áp dụng' must be a year (2026) or years (2026-2030).",
    ),
    "parse_criterion_no": Message(
        "criterion_no", "'STT tiêu chí' phải là số nguyên dương (1, 2, 3…).", "'STT tiêu chí' must be 1, 2, 3…"
    ),
    "parse_weight": Message(
        "weight", "'Điểm tối đa' phải là số dương (ví dụ 10 hoặc 2,5).", "'Điểm tối đa' must be a positive number."
    ),
    "parse_method": Message(
        "method",
        "Không nhận ra cách chấm. Chọn: " + " / ".join(SCORING_METHOD.choices_vi()) + ".",
        "The scoring method is not recognised. Choose: " + " / ".join(SCORING_METHOD.choices_vi()) + ".",
    ),
    "parse_cap_pct": Message(
        "cap_pct",
        "Mức trần là tỷ lệ % kế hoạch từ 100 trở lên (ví dụ 120).",
        "The cap is a % of the target of 100 or more (e.g. 120).",
    ),
    "scored_indicator_needed": Message(
        "indicator_code",
        "Cách chấm theo số liệu cần 'Mã chỉ tiêu'; tiêu chí do Hội đồng chấm thì ghi 'Hội đồng chấm'.",
        "Scoring from figures needs 'Mã chỉ tiêu'; a criterion the council scores is 'Hội đồng chấm'.",
    ),
    "known_scored_indicator": Message(
        "indicator_code",
        "Mã chỉ tiêu không có trong danh mục chỉ tiêu.",
        "The indicator code is not in the catalog.",
    ),
    "unknown_bloc": Message(
        "bloc_code",
        "Cụm, khối này chưa có ở trang 'Cụm, khối thi đua': tiêu chí vẫn được nạp nhưng chưa áp dụng cho đơn vị nào.",
        "This bloc is not on the 'Cụm, khối thi đua' sheet: the criterion loads but applies to no unit yet.",
    ),
    "parse_score_year": Message("year", "'Năm' phải là một năm (ví dụ 2026).", "'Năm' must be a year."),
    "parse_score": Message(
        "score", "Điểm phải là số không âm (ví dụ 8,5).", "The score must be a number, not negative (e.g. 8,5)."
    ),
}


def _unit_and_source() -> list[pl.Expr]:
    """The unit a row is of and where its figure came from, as the bloc and score sheets write them."""
    return [
        clean_text(pl.col("unit_code")).str.to_lowercase().alias("unit_code"),
        clean_text(pl.col("unit_name")).alias("unit_name"),
        clean_text(pl.col("note")).alias("note"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
    ]


# --- blocs ----------------------------------------------------------------------------------------


def parse_blocs(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    frame = rows.with_columns(
        clean_text(pl.col("bloc_code")).str.to_lowercase().alias("bloc_code"),
        clean_text(pl.col("bloc_name")).alias("bloc_name"),
        pl.col("bloc_kind").alias("bloc_kind_raw"),
        vocab_code(pl.col("bloc_kind"), BLOC_KIND).alias("bloc_kind"),
        pl.col("from_year").alias("from_year_raw"),
        pl.col("to_year").alias("to_year_raw"),
        whole_number(_number("from_year")).alias("from_year"),
        whole_number(_number("to_year")).alias("to_year"),
        *_unit_and_source(),
    )
    return frame.with_columns(_known("unit_code", lookups).alias("unit_known")), no_warnings()


BLOCS = SheetFamily(
    name="emulation_blocs",
    sheets={"emulation": EMULATION_BLOCS_SHEET},
    model=EmulationBlocs,
    parse=parse_blocs,
    tables=(
        Table(
            "emulation_blocs",
            EmulationBlocs,
            ("locality_code", "bloc_code", "unit_code", "from_year"),
            "Emulation clusters and blocs of each locality and their member units, with the years they apply to.",
        ),
    ),
    key=("locality_code", "bloc_code", "unit_code", "from_year"),
    identity=("bloc_code", "unit_code"),
    figures=("unit_code",),
    group="reference",
    reads=("localities",),
    messages=MESSAGES,
    reference=True,
    batch_by_locality=False,
    docs_where={"emulation": WHERE},
    docs_note=(
        "A unit may belong to several blocs (a commune's cluster and the bloc of its party committee); a bloc's "
        "membership changes by year ('Từ năm', 'Đến năm'). The 'So sánh đơn vị' page ranks the units of a bloc "
        "against each other.\n"
    ),
    page="compare",
    report_section="emulation",
    example=(
        {
            "bloc_code": "cum-1",
            "bloc_name": "Cụm thi đua số 1",
            "bloc_kind": "Cụm thi đua",
            "unit_code": "an-khe-song-an",
            "unit_name": "Xã Song An",
            "from_year": 2021,
        },
        {"bloc_code": "cum-1", "unit_code": "an-khe-tu-an", "from_year": "2021", "to_year": "2025"},
    ),
)


# --- scoring sheets -------------------------------------------------------------------------------


def parse_criteria(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Criteria parsed; the method defaults to met/not met for an indicator and to the council's score
    without one. A bloc that is not on the blocs sheet is a warning (the criterion applies to nobody)."""
    year_text = pl.col("year").cast(pl.Utf8).str.replace(r"\.0$", "")
    span = parse_span(year_text)
    indicator = clean_text(pl.col("indicator_code")).str.to_lowercase()
    written = vocab_code(pl.col("method"), SCORING_METHOD)
    default = pl.when(indicator.is_null()).then(pl.lit("manual")).otherwise(pl.lit("met"))
    catalog = lookups.get("indicator_catalog")
    codes = (
        catalog.get_column("indicator_code") if catalog is not None and catalog.height else pl.Series([], dtype=pl.Utf8)
    )
    frame = rows.with_columns(
        clean_text(pl.col("bloc_code")).str.to_lowercase().alias("bloc_code"),
        pl.col("year").alias("year_raw"),
        span["from"].alias("first_year"),
        span["to"].alias("last_year"),
        pl.col("criterion_no").alias("criterion_no_raw"),
        whole_number(_number("criterion_no")).alias("criterion_no"),
        clean_text(pl.col("criterion_name")).alias("criterion_name"),
        indicator.alias("indicator_code"),
        pl.col("weight").alias("weight_raw"),
        _number("weight").alias("weight"),
        pl.col("method").alias("method_raw"),
        pl.when(pl.col("method").is_null()).then(default).otherwise(written).alias("method"),
        pl.col("cap_pct").alias("cap_pct_raw"),
        _number("cap_pct").alias("cap_pct"),
        clean_text(pl.col("note")).alias("note"),
        clean_text(pl.col("source_document")).alias("source_document"),
        clean_text(pl.col("source_quote")).alias("source_quote"),
    ).with_columns(
        (pl.col("indicator_code").is_null() | pl.col("indicator_code").is_in(codes.implode())).alias("indicator_known")
    )
    return frame, _unknown_blocs(frame, lookups.get("emulation_blocs"))


def _unknown_blocs(frame: pl.DataFrame, blocs: pl.DataFrame | None) -> pl.DataFrame:
    named = frame.filter(pl.col("bloc_code").is_not_null())
    if named.height == 0:
        return no_warnings()
    known = (
        blocs.select("locality_code", "bloc_code").unique()
        if blocs is not None and blocs.height
        else pl.DataFrame(schema={"locality_code": pl.Utf8, "bloc_code": pl.Utf8})
    )
    unknown = named.join(known, on=["locality_code", "bloc_code"], how="anti")
    return unknown.select(
        "source_file",
        "source_sheet",
        "source_row",
        pl.lit("unknown_bloc").alias("rule"),
        pl.lit("bloc_code").alias("column"),
        pl.col("bloc_code").alias("value"),
    ).cast(WARNING_SCHEMA)


CRITERIA = SheetFamily(
    name="emulation_criteria",
    sheets={"emulation": EMULATION_CRITERIA_SHEET},
    model=EmulationCriteria,
    parse=parse_criteria,
    tables=(
        Table(
            "emulation_criteria",
            EmulationCriteria,
            ("locality_code", "bloc_code", "first_year", "criterion_no"),
            "Emulation scoring sheets: per locality, bloc and years, each criterion's indicator, points and method.",
        ),
    ),
    key=("locality_code", "bloc_code", "first_year", "criterion_no"),
    identity=("criterion_no",),
    figures=("weight",),
    group="reference",
    reads=("indicator_catalog", "emulation_blocs"),
    column_sources={"first_year": "year", "last_year": "year"},
    messages=MESSAGES,
    reference=True,
    batch_by_locality=False,
    docs_where={"emulation": WHERE},
    docs_note=(
        "How a criterion scores a unit, from the unit's own figure for the year (the 'So sánh đơn vị' page, the "
        "pack's table): **Đạt/không đạt** gives the points when the target is met or exceeded, none when not met; "
        "**Theo tỷ lệ hoàn thành** gives points × achievement ÷ 100 (110% of the target: 1,1 × the points); "
        "**Theo tỷ lệ, có mức trần** the same up to 'Mức trần' (100% when empty); **Hội đồng chấm** takes the "
        "score from the 'Điểm chấm' sheet. A unit without the figure (or without a score) has no points for the "
        "criterion and no total: it is listed as missing, never ranked as if it scored zero.\n"
    ),
    page="compare",
    report_section="emulation",
    example=(
        {
            "year": "2023",
            "criterion_no": 1,
            "criterion_name": "Thu ngân sách nhà nước trên địa bàn",
            "indicator_code": "budget_revenue",
            "weight": 10,
            "method": "Theo tỷ lệ, có mức trần",
            "cap_pct": 120,
        },
        {"year": "2023-2025", "criterion_no": 2, "criterion_name": "Công tác chỉ đạo, điều hành", "weight": "5"},
    ),
)


# --- the council's scores -------------------------------------------------------------------------


def parse_scores(rows: pl.DataFrame, lookups: Lookups) -> tuple[pl.DataFrame, pl.DataFrame]:
    frame = rows.with_columns(
        clean_text(pl.col("bloc_code")).str.to_lowercase().alias("bloc_code"),
        pl.col("year").alias("year_raw"),
        whole_number(_number("year")).alias("year"),
        pl.col("criterion_no").alias("criterion_no_raw"),
        whole_number(_number("criterion_no")).alias("criterion_no"),
        pl.col("score").alias("score_raw"),
        _number("score").alias("score"),
        *_unit_and_source(),
    )
    return frame.with_columns(_known("unit_code", lookups).alias("unit_known")), no_warnings()


SCORES = SheetFamily(
    name="emulation_scores",
    sheets={"emulation": EMULATION_SCORES_SHEET},
    model=EmulationScores,
    parse=parse_scores,
    tables=(
        Table(
            "emulation_scores",
            EmulationScores,
            ("locality_code", "bloc_code", "year", "criterion_no", "unit_code"),
            "Scores the emulation council gives each unit for the criteria it scores itself.",
        ),
    ),
    key=("locality_code", "bloc_code", "year", "criterion_no", "unit_code"),
    identity=("criterion_no", "unit_code"),
    figures=("score",),
    group="reference",
    reads=("localities",),
    messages=MESSAGES,
    reference=True,
    batch_by_locality=False,
    docs_where={"emulation": WHERE},
    page="compare",
    report_section="emulation",
    example=(
        {"year": 2023, "criterion_no": 2, "unit_code": "an-khe-song-an", "unit_name": "Xã Song An", "score": "4,5"},
        {"year": 2023, "criterion_no": 2, "unit_code": "an-khe-tu-an", "score": 5},
    ),
)
