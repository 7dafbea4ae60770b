"""Reading Vietnamese numbers, targets, spans and labels (pure Polars expressions)."""

from __future__ import annotations

import polars as pl
import pytest

from pipelines.parsing.text import parse_count_range, parse_date, parse_span, parse_target, vn_number, vocab_code
from schemas.vocab import ACTUAL_STATUS, STATUS, fold


@pytest.mark.parametrize(
    ("text", "is_text", "expected"),
    [
        ("7.978,01", True, 7978.01),
        ("12,5", True, 12.5),
        ("12,5%", True, 12.5),
        ("1.500", True, 1500.0),
        ("71.853", True, 71853.0),
        ("0,96", True, 0.96),
        ("−3,5", True, -3.5),
        ("12.5", True, 12.5),  # no Vietnamese writer groups "12.5": a decimal point
        ("0.125", True, 0.125),
        ("7978.01", False, 7978.01),  # a number cell, stringified by the reader: exact
        ("1.234", False, 1.234),  # a number cell is never read as thousands
        ("10,03,%", True, None),  # the seed document's own typo: reported, not guessed
        ("1,234.5", True, None),  # English grouping: ask the clerk
        ("khoảng 5", True, None),
    ],
)
def test_vietnamese_numbers(text: str, is_text: bool, expected: float | None) -> None:
    out = pl.DataFrame({"t": [text], "x": [is_text]}).select(vn_number(pl.col("t"), pl.col("x"))).item()
    assert out == (pytest.approx(expected) if expected is not None else None)


@pytest.mark.parametrize(
    ("text", "form", "low", "high"),
    [
        ("trên 370", "min", 370, None),
        ("hơn 1.500", "min", 1500, None),
        ("80% trở lên", "min", 80, None),
        ("từ 80% trở lên", "min", 80, None),
        ("ít nhất là 50%", "min", 50, None),
        ("≥ 80%", "min", 80, None),
        ("dưới 3,0%", "max", None, 3.0),
        ("không quá 3", "max", None, 3),
        ("6,6–6,8", "range", 6.6, 6.8),
        ("từ 6,6 đến 6,8", "range", 6.6, 6.8),
        ("khoảng 4", "about", 4, 4),
        ("12,25%", "exact", 12.25, 12.25),
        ("12,5%/năm", "exact", 12.5, 12.5),
        ("65 triệu đồng/người/năm", "exact", 65, 65),
        ("đạt 100%", "exact", 100, 100),
        ("xyz", None, None, None),
    ],
)
def test_targets_as_resolutions_write_them(text: str, form: str | None, low: float | None, high: float | None) -> None:
    frame = parse_target(pl.DataFrame({"t": [text], "x": [True]}), "t", "x")
    out = frame.select("target_form", "target_low", "target_high").row(0)
    assert out == (form, low, high)


def test_spans_counts_dates_and_labels() -> None:
    spans = pl.DataFrame({"t": ["2023", "2021-2023", "2021 – 2023", "21"]}).select(**parse_span(pl.col("t"))).rows()
    assert spans == [(2023, 2023), (2021, 2023), (2021, 2023), (None, None)]
    counts = (
        pl.DataFrame({"t": ["11", "9-14", "15–17/19", "19/19"]})
        .select(**parse_count_range(pl.col("t"), pl.lit(True)))
        .rows()
    )
    assert counts == [(11, None), (9, 14), (15, 17), (19, None)]
    dates = (
        pl.DataFrame({"t": ["15/06/2022", "2018-01-01 00:00:00"]}).select(parse_date(pl.col("t"))).to_series().to_list()
    )
    assert [d.isoformat() for d in dates] == ["2022-06-15", "2018-01-01"]
    labels = (
        pl.DataFrame({"t": ["ước", "UTH", "Chính thức", "tạm tính"]})
        .select(vocab_code(pl.col("t"), ACTUAL_STATUS))
        .to_series()
    )
    assert labels.to_list() == ["estimate", "estimate", "official", None]
    assert STATUS.lookup("Vượt chỉ tiêu") == "vuot" and STATUS.lookup("chưa đạt") == "khong_dat"
    assert fold("  Ước   THỰC hiện ") == "uoc thuc hien" and fold("Đạt") == "dat"


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("1\u00a0341,2", 1341.2, None),  # grouped by a non-breaking space (a spreadsheet of another locale)
        ("1 341,2", 1341.2, None),
        ("12 345 678", 12345678.0, None),
        ("15 000 người", 15000.0, "người"),
        ("2 xã", 2.0, "xã"),  # a count and its unit, not a group of digits
        ("12 34", None, None),  # two digits after the space: not a thousands group, reported
    ],
)
def test_thousands_grouped_by_spaces(text: str, value: float | None, unit: str | None) -> None:
    from pipelines.parsing.text import parse_figure

    row = parse_figure(pl.DataFrame({"a": [text], "t": [True]}), "a", "t", "v").row(0, named=True)
    assert (row["v"], row["v_unit_written"] if value is not None else None) == (value, unit)
