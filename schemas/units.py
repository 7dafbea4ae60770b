"""Units as reports write them, and the known factors between them.

A unit is a magnitude word (nghìn, triệu, tỷ …), a base (đồng, người, ha, % …) and an optional
rest after a slash ("/người/năm"). Two units convert when their bases belong to one dimension and
their rests are the same: ‰ and % (× 0,1), triệu and tỷ đồng (× 0,001), nghìn and triệu người,
ha and km² (× 100), m² and ha. A growth rate written "%/năm" is the same as "%". Anything else is
not a known difference and stays an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from schemas.vocab import fold

# Magnitude words before a base, folded.
MAGNITUDES = {"nghin": 1e3, "ngan": 1e3, "trieu": 1e6, "ty": 1e9, "ti": 1e9, "van": 1e4}

# Base (folded spelling) → (dimension, factor to the dimension's reference base).
BASES: dict[str, tuple[str, float]] = {
    "dong": ("money", 1.0),
    "vnd": ("money", 1.0),
    "%": ("share", 1.0),
    "phan tram": ("share", 1.0),
    "‰": ("share", 0.1),
    "phan nghin": ("share", 0.1),
    "ha": ("area", 1.0),
    "hecta": ("area", 1.0),
    "km2": ("area", 100.0),
    "km²": ("area", 100.0),
    "m2": ("area", 1e-4),
    "m²": ("area", 1e-4),
    "nguoi": ("people", 1.0),
    # People counted as what they are: 'lao động', 'đảng viên', 'hội viên' are persons.
    "lao dong": ("people", 1.0),
    "dang vien": ("people", 1.0),
    "hoi vien": ("people", 1.0),
    "ho": ("households", 1.0),
    "km": ("length", 1.0),
    "m": ("length", 1e-3),
    "tan": ("mass", 1.0),
    "kg": ("mass", 1e-3),
    "ta": ("mass", 0.1),
}

# The same table in words, for the format docs: each group converts within itself.
CONVERSIONS_VI = (
    "‰, %",
    "đồng, nghìn đồng, triệu đồng, tỷ đồng (also per person, per year: triệu đồng/người/năm)",
    "người, nghìn người, triệu người",
    "người, lao động, đảng viên (counted as people)",
    "hộ, nghìn hộ",
    "ha, km², m²",
    "km, m",
    "tấn, tạ, kg",
)

# A rest that does not change a unit: a rate "%/năm" is a "%", "2.400 lao động/năm" counts people.


@dataclass(frozen=True)
class ParsedUnit:
    dimension: str
    factor: float  # to the dimension's reference base (đồng, %, ha, người …)
    rest: str  # what follows the first '/', folded ('nguoi/nam')


@lru_cache(maxsize=4096)
def parse_unit(text: str | None) -> ParsedUnit | None:
    """'triệu đồng/người/năm' → money × 1e6, rest 'nguoi/nam'; None when the base is not a known one."""
    if not text:
        return None
    folded = fold(text)
    head, _, rest = folded.partition("/")
    head = head.strip()
    magnitude = 1.0
    words = head.split(" ")
    while len(words) > 1 and words[0] in MAGNITUDES:
        magnitude *= MAGNITUDES[words.pop(0)]
    base = " ".join(words).strip()
    if base not in BASES:
        return None
    dimension, factor = BASES[base]
    rest = re.sub(r"\s+", " ", rest).strip()
    rest = re.sub(r"(?:^|/)\s*(?:1\s+)?nam$", "", rest).strip(" /")
    return ParsedUnit(dimension, magnitude * factor, rest)


def conversion_factor(written: str | None, catalog: str | None) -> float | None:
    """The factor that turns a value in ``written`` into ``catalog``'s unit (1.0 when the same), or
    None when the two are not known to convert (different things, or a unit not in the table)."""
    if not written or not catalog:
        return None
    if fold(written) == fold(catalog):
        return 1.0
    a, b = parse_unit(written), parse_unit(catalog)
    if a is not None and a.dimension == "share" and b is None and "%" in fold(catalog):
        # '7,9%' on an indicator in 'điểm %/năm' or '% dân số': the figure is in the catalog's %.
        return a.factor
    if a is None or b is None or a.dimension != b.dimension or a.rest != b.rest:
        return None
    return a.factor / b.factor


# A unit written right after a number in a cell: "12‰", "3.000 lao động", "1.250 tỷ đồng".
UNIT_SUFFIX = r"(‰|%|(?:nghìn|ngàn|triệu|tỷ|tỉ)\s+(?:đồng|người)|km²|km2|m²|m2|ha|đồng|người|lao động|hộ)"
