"""The sum of the units' figures beside the figure their locality reported, for indicators that add up."""

from __future__ import annotations

import pandera.polars as pa
import polars as pl

UNIT_SUM_STATUS = ("consistent", "differs", "partial_exceeds", "incomplete", "not_reported")


class MartUnitSums(pa.DataFrameModel):
    """One row per locality, additive indicator and year that a unit under the locality has a figure for.

    The units are those under the locality on 31 December of the year (or on its last day, when it
    ended during the year). ``status``: consistent (every unit's figure, the sum within rounding),
    differs (every unit's figure, the sum beyond rounding: a warning), partial_exceeds (units
    missing, yet the sum is above the locality's figure: a warning), incomplete (units missing),
    not_reported (the locality gave no figure).
    """

    locality_code: pl.Utf8 = pa.Field(description="The locality (the parent of the units).")
    indicator_code: pl.Utf8 = pa.Field(description="Indicator code (additive across units).")
    period: pl.Utf8 = pa.Field(description="Year.")
    unit: pl.Utf8 = pa.Field(nullable=True, description="Unit of measure (the catalog's).")
    reported: pl.Float64 = pa.Field(nullable=True, description="The locality's own figure.")
    units_sum: pl.Float64 = pa.Field(description="Sum of the figures of the units that have one.")
    difference: pl.Float64 = pa.Field(nullable=True, description="units_sum − reported.")
    tolerance: pl.Float64 = pa.Field(
        description="Rounding allowed: half a unit of the last decimal shown per figure added (the units' and the "
        "locality's); 0,5 for whole counts (they add up exactly)."
    )
    shown_decimals: pl.Int64 = pa.Field(description="Decimals the figures are written with (catalog or as written).")
    units_expected: pl.Int64 = pa.Field(description="Units under the locality that year.")
    units_reporting: pl.Int64 = pa.Field(description="Units with a figure.")
    complete: pl.Boolean = pa.Field(description="Whether every unit under the locality has a figure.")
    status: pl.Utf8 = pa.Field(isin=list(UNIT_SUM_STATUS), description=", ".join(UNIT_SUM_STATUS) + ".")
    units_detail: pl.Utf8 = pa.Field(description="JSON list of the units summed: code, name, value.")
    units_missing: pl.Utf8 = pa.Field(
        description="JSON list of the units under the locality without a figure: code, name."
    )
