"""How large a workbook may be before it is refused, and how many issues one file may record.

A clerk's yearly workbook is 30 KB to 1 MB, its largest sheet a few hundred rows and 20 columns;
a province's unit list a few thousand rows. The defaults are far above that, and far below what
would take the build over its 2 GB memory target: a 1,9 MB workbook whose sheet holds 10 million
rows took 2,0 GB before these limits, and 100.000 rows took 1,6 GB and produced 200.000 issues.
Every limit is checked before the sheet is read into memory (the zip's central directory for the
unzipped size, the sheet's ``<dimension>`` or a streamed count of its rows), and a file over one
gives a single ``file_too_large`` issue; its earlier figures stay.

The environment sets them (``CHITIEU_MAX_FILE_MB`` …, read in ``chitieu.settings``); they reach the
pipeline as fields of the ``RawFiles`` resource, never from ``os.environ`` here.
"""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Limits on one workbook (``max_*``) and on the issues recorded for one file."""

    max_file_mb: float = 50.0  # the file on disk
    max_unzipped_mb: float = 200.0  # .xlsx/.ods are zip files: every part, uncompressed
    max_rows: int = 20_000  # per sheet: the last row that holds anything
    max_columns: int = 200  # per sheet: the last column that holds anything
    max_issues_per_file: int = 1_000  # beyond this, one summary issue says how many more

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * MB)

    @property
    def max_unzipped_bytes(self) -> int:
        return int(self.max_unzipped_mb * MB)


DEFAULT_LIMITS = Limits()

# The environment variable of each limit (chitieu.settings reads them; the docs list them).
ENV_OF_LIMIT: dict[str, str] = {
    "max_file_mb": "CHITIEU_MAX_FILE_MB",
    "max_unzipped_mb": "CHITIEU_MAX_UNZIPPED_MB",
    "max_rows": "CHITIEU_MAX_ROWS",
    "max_columns": "CHITIEU_MAX_COLUMNS",
    "max_issues_per_file": "CHITIEU_MAX_ISSUES_PER_FILE",
}

# What each limit bounds, for the docs and the configuration table.
LIMIT_DOCS: dict[str, str] = {
    "max_file_mb": "Largest workbook file read, in MB; a larger file is reported as too large (tệp quá lớn).",
    "max_unzipped_mb": "Largest total of an .xlsx/.ods file's parts once unzipped, in MB (a zip bomb is refused unread).",
    "max_rows": "Most rows a sheet may have (its last non-empty row); checked before the sheet is read.",
    "max_columns": "Most columns a sheet may have (its last non-empty column); checked before the sheet is read.",
    "max_issues_per_file": "Most issues recorded for one file and step; the rest are counted in one summary issue.",
}


def vn_int(value: float) -> str:
    """20000 → '20.000', 1.5 → '1,5': numbers in messages the Vietnamese way."""
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", ".")
    return f"{value:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
