"""Turn Pandera failures into issues a clerk can act on: file, sheet, row, column, value, message."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

import pandera.errors
import pandera.polars as pa
import polars as pl

from pipelines.issues import ISSUE_COLUMNS, empty_issues, file_issue
from schemas.messages import MESSAGES, Message, message

__all__ = ["ISSUE_COLUMNS", "empty_issues", "file_issue"]

# Pandera's own column checks, named by the rule they enforce.
_STR_MATCHES_RULES = {"indicator_code": "catalog_code_format", "locality_code": "locality_code_format"}
_UNIQUE_RULES = {"IndicatorCatalog": "unique_catalog_code", "Localities": "unique_locality_code"}
# A required column left empty, by model and column.
_REQUIRED_RULES = {
    ("Awards", "level"): "required_award_level",
    ("Awards", "recipient_kind"): "required_recipient_kind",
    ("Awards", "award_title"): "required_award_title",
    ("Awards", "award_count"): "positive_award_count",
    ("IndicatorCatalog", "name_vi"): "required_name_vi",
    ("IndicatorCatalog", "unit"): "required_unit",
    ("Localities", "name_vi"): "required_name_vi",
}

ColumnRef = Callable[[str, str], "str | None"]


# Rows parsed and validated at a time in a large run (see ``locality_batches``).
BATCH_ROWS = 100_000


@dataclass
class Validated:
    valid: pl.DataFrame
    issues: pl.DataFrame
    rejected: pl.DataFrame  # source_file, source_sheet, source_row, rules

    @staticmethod
    def concat(parts: list[Validated]) -> Validated:
        """The batches of one run as one result (the frames' chunks are linked, not copied)."""
        if len(parts) == 1:
            return parts[0]
        return Validated(
            pl.concat([p.valid for p in parts], how="vertical_relaxed"),
            pl.concat([p.issues for p in parts], how="vertical_relaxed"),
            pl.concat([p.rejected for p in parts], how="vertical_relaxed"),
        )


def locality_batches(frame: pl.DataFrame, max_rows: int | None = None) -> Iterator[pl.DataFrame]:
    """The rows in batches of whole localities, about ``max_rows`` each.

    Parsing and validating a national run at once holds several copies of every row (raw, parsed,
    Pandera's working columns, the valid rows); batch by batch only the valid rows accumulate.
    Every rule is about one row or one locality's rows (a duplicate never spans two localities),
    so batching changes nothing in what is found.
    """
    max_rows = max_rows or BATCH_ROWS
    if frame.height <= max_rows or "locality_code" not in frame.columns:
        yield frame
        return
    counts = frame.group_by("locality_code").len().sort("locality_code", nulls_last=True)
    groups: list[list[str | None]] = [[]]
    size = 0
    for code, n in counts.iter_rows():
        if groups[-1] and size + n > max_rows:
            groups.append([])
            size = 0
        groups[-1].append(code)
        size += n
    for codes in groups:
        mask = pl.col("locality_code").is_in([c for c in codes if c is not None])
        if None in codes:
            mask = mask | pl.col("locality_code").is_null()
        yield frame.filter(mask)


def _rule_of(check: str, column: str | None, model_name: str, own: Mapping[str, Message]) -> str:
    if check in MESSAGES or check in own:
        return check
    if check == "multiple_fields_uniqueness":
        return _UNIQUE_RULES.get(model_name, check)
    if check.startswith("str_matches") and column in _STR_MATCHES_RULES:
        return _STR_MATCHES_RULES[column]
    if column and check == "not_nullable" and (model_name, column) in _REQUIRED_RULES:
        return _REQUIRED_RULES[(model_name, column)]
    if column and (check.startswith("isin") or check == "not_nullable"):
        for key in (f"parse_{column}", f"required_{column}"):
            if key in MESSAGES or key in own:
                return key
    return f"{check} ({column})" if column else check


def validate(
    frame: pl.DataFrame,
    model: type[pa.DataFrameModel],
    column_sources: dict[str, str],
    column_ref: ColumnRef,
    messages: Mapping[str, Message] | None = None,
) -> Validated:
    """Validate a parsed sheet frame lazily and split it into valid rows and issues.

    ``frame`` must carry ``source_file``, ``source_sheet`` and ``source_row``. ``column_sources``
    maps a model column to the sheet column it was parsed from; ``column_ref(file, sheet_column)``
    renders the spreadsheet column ('H (Cả năm)'). ``messages``: a family's own rules, beside the
    shared ones of ``schemas.messages``.
    """
    own = messages or {}

    def say(rule: str) -> Message:
        return own.get(rule) or message(rule)

    # Load metadata is stamped after validation; give the model something of the right type.
    placeholders = {"loaded_at": pl.lit(datetime(2000, 1, 1)), "run_id": pl.lit("")}
    frame = frame.with_columns(expr.alias(name) for name, expr in placeholders.items() if name not in frame.columns)
    if frame.height == 0:
        return Validated(
            frame,
            empty_issues(),
            pl.DataFrame(
                schema={"source_file": pl.Utf8, "source_sheet": pl.Utf8, "source_row": pl.Int64, "rules": pl.Utf8}
            ),
        )
    try:
        model.validate(frame, lazy=True)
        failures = None
    except pandera.errors.SchemaErrors as exc:
        failures = exc.failure_cases
    if failures is None or failures.height == 0:
        return Validated(
            frame,
            empty_issues(),
            pl.DataFrame(
                schema={"source_file": pl.Utf8, "source_sheet": pl.Utf8, "source_row": pl.Int64, "rules": pl.Utf8}
            ),
        )

    model_name = model.__name__
    records: list[dict] = []
    for fc in failures.iter_rows(named=True):
        idx = fc["index"]
        if idx is None:
            # A schema-level failure (a column missing from the parsed frame): every row is affected.
            raise ValueError(f"{model_name}: schema failure without a row: {fc}")
        column = None if fc["schema_context"] == "DataFrameSchema" else fc["column"]
        rule = _rule_of(str(fc["check"]), column, model_name, own)
        table_column = say(rule).column or column
        records.append({"_idx": int(idx), "rule": rule, "table_column": table_column})
    found = pl.DataFrame(records).unique()

    # One problem per cell: a cell that did not parse explains the other failures on it.
    found = found.with_columns(
        pl.col("table_column").replace(column_sources).alias("sheet_column"),
        pl.col("rule").str.starts_with("parse_").alias("_parse"),
    )
    found = found.with_columns(pl.col("_parse").any().over("_idx", "sheet_column").alias("_cell_parse"))
    found = found.filter(pl.col("_parse") | ~pl.col("_cell_parse")).sort("_idx", "rule")

    indexed = frame.with_row_index("_idx").with_columns(pl.col("_idx").cast(pl.Int64))
    found = found.with_columns(pl.col("_idx").cast(pl.Int64)).join(
        indexed.select("_idx", "source_file", "source_sheet", "source_row"), on="_idx", how="left"
    )
    dup_rows = _duplicate_partners(indexed, found)
    issue_rows = []
    for rec in found.iter_rows(named=True):
        idx = rec["_idx"]
        sheet_col = rec["sheet_column"]
        msg = say(rec["rule"])
        vi, en = msg.vi, msg.en
        partners = dup_rows.get(idx) if rec["rule"].startswith("unique_") else None
        if partners:
            vi += f" Các dòng trùng: {partners}."
            en += f" Duplicate rows: {partners}."
        issue_rows.append(
            {
                "file": rec["source_file"],
                "sheet": rec["source_sheet"],
                "row": rec["source_row"],
                "column": column_ref(rec["source_file"], sheet_col) if sheet_col else None,
                "value": _cell_text(indexed, idx, sheet_col),
                "rule": rec["rule"],
                "severity": "error",
                "message_vi": vi,
                "message_en": en,
            }
        )
    issues = pl.DataFrame(issue_rows, schema=ISSUE_COLUMNS)
    bad = found.group_by("_idx").agg(pl.col("rule").unique().sort().str.join(",").alias("rules"))
    valid = indexed.join(bad, on="_idx", how="anti").drop("_idx")
    rejected = indexed.join(bad, on="_idx", how="inner").select("source_file", "source_sheet", "source_row", "rules")
    return Validated(valid, issues, rejected)


def _cell_text(frame: pl.DataFrame, idx: int, sheet_col: str | None) -> str | None:
    if not sheet_col:
        return None
    for name in (f"{sheet_col}_raw", sheet_col):
        if name in frame.columns:
            value = frame.item(idx, name)
            return None if value is None else str(value)
    return None


def _duplicate_partners(frame: pl.DataFrame, found: pl.DataFrame) -> dict[int, str]:
    dup = found.filter(pl.col("rule").str.starts_with("unique_"))
    if dup.height == 0:
        return {}
    key_cols = [
        c
        for c in (
            "indicator_code",
            "period",
            "locality_code",
            "unit_code",
            "criterion_no",
            "award_title",
            "org_type",
            "block",
        )
        if c in frame.columns
    ]
    rows = frame.join(dup.select("_idx").unique(), on="_idx").select("_idx", "source_file", "source_row", *key_cols)
    grouped = rows.group_by("source_file", *key_cols).agg(pl.col("_idx"), pl.col("source_row").sort())
    out: dict[int, str] = {}
    for rec in grouped.iter_rows(named=True):
        text = ", ".join(str(r) for r in rec["source_row"])
        for idx in rec["_idx"]:
            out[int(idx)] = text
    return out


def warnings_to_issues(
    warnings: pl.DataFrame, column_ref: ColumnRef, messages: Mapping[str, Message] | None = None
) -> pl.DataFrame:
    """Warnings raised while parsing (defaults applied) → issue rows of severity 'warning'."""
    if warnings.height == 0:
        return empty_issues()
    rows = []
    for rec in warnings.iter_rows(named=True):
        msg = (messages or {}).get(rec["rule"]) or message(rec["rule"])
        rows.append(
            {
                "file": rec["source_file"],
                "sheet": rec["source_sheet"],
                "row": rec["source_row"],
                "column": column_ref(rec["source_file"], rec["column"]),
                "value": rec["value"],
                "rule": rec["rule"],
                "severity": "warning",
                "message_vi": msg.vi,
                "message_en": msg.en,
            }
        )
    return pl.DataFrame(rows, schema=ISSUE_COLUMNS)


def quarantine_cells(raw: pl.DataFrame, labels: dict[str, dict[str, str]], rejected: pl.DataFrame) -> pl.DataFrame:
    """The rejected rows' cells as JSON (header as written → text), to keep what the clerk typed."""
    if rejected.height == 0:
        return pl.DataFrame(
            schema={"file": pl.Utf8, "sheet": pl.Utf8, "row": pl.Int64, "cells": pl.Utf8, "rules": pl.Utf8}
        )
    joined = rejected.join(raw, on=["source_file", "source_sheet", "source_row"], how="left")
    out = []
    for rec in joined.iter_rows(named=True):
        file_labels = labels.get(rec["source_file"], {})
        cells = {label: rec.get(key) for key, label in file_labels.items() if rec.get(key) is not None}
        out.append(
            {
                "file": rec["source_file"],
                "sheet": rec["source_sheet"],
                "row": rec["source_row"],
                "cells": json.dumps(cells, ensure_ascii=False),
                "rules": rec["rules"],
            }
        )
    return pl.DataFrame(
        out, schema={"file": pl.Utf8, "sheet": pl.Utf8, "row": pl.Int64, "cells": pl.Utf8, "rules": pl.Utf8}
    )
