"""Everything a load rejected or warned about, pointing at the workbook cell to fix."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

from schemas.vocab import SEVERITY


class ValidationIssues(pa.DataFrameModel):
    """One row per problem found in the latest load of each workbook sheet.

    Re-loading a workbook replaces its issues, so what is listed is what is still wrong.
    A problem with the whole file (unreadable, sheet missing) has an empty ``row``.
    """

    asset: pl.Utf8 = pa.Field(
        description="Load step that found it: a sheet family (indicators, ntm_criteria …) or raw_folder (file names)."
    )
    locality_code: pl.Utf8 = pa.Field(nullable=True, description="Locality of the workbook, from its folder.")
    period: pl.Utf8 = pa.Field(nullable=True, description="Year or term of the workbook, from its file name.")
    file: pl.Utf8 = pa.Field(description="Workbook path relative to the raw-data folder.")
    sheet: pl.Utf8 = pa.Field(nullable=True, description="Sheet name; empty for a file-level problem.")
    row: pl.Int64 = pa.Field(nullable=True, description="Spreadsheet row number as Excel shows it.")
    column: pl.Utf8 = pa.Field(
        nullable=True, description="Spreadsheet column letter and header, e.g. 'H (Thực hiện cả năm)'."
    )
    value: pl.Utf8 = pa.Field(nullable=True, description="The offending cell text, verbatim.")
    rule: pl.Utf8 = pa.Field(description="Rule key (see schemas/messages.py).")
    severity: pl.Utf8 = pa.Field(
        isin=SEVERITY.codes, description="error: the row was not loaded; warning: loaded with a default."
    )
    message_vi: pl.Utf8 = pa.Field(description="What is wrong and how to fix it, in Vietnamese.")
    message_en: pl.Utf8 = pa.Field(description="The same in English.")
    run_id: pl.Utf8 = pa.Field(description="Dagster run that found it.")
    detected_at: pl.Datetime = pa.Field(description="When it was found (UTC).")

    class Config:
        strict = False
