"""Formats of codes and periods (kept free of Pandera so lightweight readers can import them)."""

SLUG_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"
CODE_PATTERN = r"^[a-z0-9_]+$"
YEAR_PATTERN = r"^\d{4}$"
TERM_PATTERN = r"^\d{4}-\d{4}$"
PERIOD_PATTERN = r"^\d{4}(-H1|-\d{4})?$"
