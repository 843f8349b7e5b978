"""The rows of a region's progress summary, and which row each counted thing goes in.

A province's rows are its cities; a municipality's (北京、天津、上海、重庆) its districts and
counties, not the table's two groupings 市辖区 and 县; a city's rows are its counties; a
county's its townships (乡镇、街道), with a row for what is not yet placed in one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jingkang.common.domain.regions import RegionTable, city_of, is_municipality

from .ports import Placed

UNASSIGNED = ""  # a county's cases and figures not at an institution with a township
UNASSIGNED_NAME = "未落实乡镇（街道）"
OWN_LEVEL_NAME = "本级"


@dataclass
class Row:
    code: str
    name: str
    counts: dict[Any, Any] = field(default_factory=dict)
    carried: dict[int, str] = field(default_factory=dict)  # column → period 沿用上期 from
    own_level: bool = False  # the 本级 row: the level's own entries, not a child's


class Layout:
    def __init__(self, region: str, institutions: list[dict[str, Any]], regions: RegionTable,
                 year: int) -> None:
        self.region, self.regions, self.year = region, regions, year
        self.county = regions.county(region, year) is not None
        self._township_of = {i["institution_id"]: i["township_code"] or UNASSIGNED
                             for i in institutions}
        if self.county:
            codes = [*sorted(set(self._township_of.values()) - {UNASSIGNED}), UNASSIGNED]
        else:
            codes = [r.code for r in self.parts_of(region)]
        self.rows = {code: Row(code, self.name(code)) for code in codes}

    def name(self, code: str) -> str:
        if code == UNASSIGNED:
            return UNASSIGNED_NAME
        region = self.regions.get(code, self.year)
        return region.name if region else code

    def parts_of(self, code: str) -> list[Any]:
        """The regions one row level below ``code`` (townships are not in the table)."""
        if is_municipality(code):
            return self.regions.counties_in(code, self.year)
        return self.regions.children(code, self.year)

    def row_of(self, placed: Placed) -> Row:
        """The row a case or an institution counts in: in a county's summary by the township
        of its institution; above, by the child region holding its county."""
        if self.county:
            key = self._township_of.get(placed.institution_id or "", UNASSIGNED)
        else:
            key = self._child_holding(placed.region)
        return self.row(key)

    def row(self, key: str) -> Row:
        if key not in self.rows:
            self.rows[key] = Row(key, self.name(key))
        return self.rows[key]

    def _child_holding(self, county: str) -> str:
        if county in self.rows:
            return county
        city = city_of(county)
        return city if city in self.rows else county

    def ordered(self) -> list[Row]:
        """Child rows by code, the unplaced row after them, the 本级 row last."""
        return sorted(self.rows.values(),
                      key=lambda r: (r.own_level, r.code == UNASSIGNED, r.code))
