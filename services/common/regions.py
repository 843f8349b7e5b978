"""GB/T 2260 administrative division codes, with the years each code was valid.

The table is the one python-stdnum maintains for ``stdnum.cn.ric`` (``loc.dat``): every
province, prefecture and county code since 1980, a county marked ``[1997-2016]`` having been
valid in those years.  Division codes change every year, so callers say which year they mean.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

_VALIDITY = re.compile(r"^\[(\d{4})?-(\d{4})?\](.*)$")
_ENTRY = re.compile(r'^\s+(\d{4}) county="(.*)"$')
_PROVINCE = re.compile(r'^(\d{2}) province="(.*)"$')
_OPEN_END = 9999


@dataclass(frozen=True, slots=True)
class Region:
    code: str
    name: str
    valid_from: int
    valid_to: int

    @property
    def level(self) -> str:
        if self.code.endswith("0000"):
            return "province"
        return "city" if self.code.endswith("00") else "county"

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year <= self.valid_to


def _parse_name(raw: str) -> tuple[str, int, int]:
    match = _VALIDITY.match(raw)
    if not match:
        return raw, 0, _OPEN_END
    start, end, name = match.groups()
    return name, int(start or 0), int(end or _OPEN_END)


class RegionTable:
    def __init__(self, regions: dict[str, list[Region]]) -> None:
        self._by_code = regions  # one code may have been reused over the years

    @classmethod
    @functools.cache
    def bundled(cls) -> RegionTable:
        text = resources.files("stdnum.cn").joinpath("loc.dat").read_text(encoding="utf-8")
        regions: dict[str, list[Region]] = {}
        province = ""
        for line in text.splitlines():
            if match := _PROVINCE.match(line):
                province = match.group(1)
                regions.setdefault(province + "0000", []).append(
                    Region(province + "0000", match.group(2), 0, _OPEN_END))
            elif match := _ENTRY.match(line):
                code = province + match.group(1)
                # "[1997-1997]万县区,[1998-]万州区": one code, successive names
                for part in match.group(2).split(","):
                    name, start, end = _parse_name(part)
                    regions.setdefault(code, []).append(Region(code, name, start, end))
        return cls(regions)

    def get(self, code: str, year: int) -> Region | None:
        """The region that ``code`` named in ``year``, if any."""
        for region in self._by_code.get(code, ()):
            if region.valid_in(year):
                return region
        return None

    def county(self, code: str, year: int) -> Region | None:
        """A county-level code (county, district, county-level city) valid in ``year``."""
        region = self.get(code, year)
        return region if region is not None and region.level == "county" else None

    def existed_between(self, code: str, first_year: int, last_year: int) -> bool:
        return any(r.valid_from <= last_year and r.valid_to >= first_year
                   for r in self._by_code.get(code, ()))


def city_of(code: str) -> str:
    return code[:4] + "00"


def province_of(code: str) -> str:
    return code[:2] + "0000"


def contains(scope: str, code: str) -> bool:
    """Whether region ``scope`` (province, city or county code) contains ``code``."""
    if scope.endswith("0000"):
        return code[:2] == scope[:2]
    if scope.endswith("00"):
        return code[:4] == scope[:4]
    return code == scope
