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
        if self.code.endswith("00"):
            return "city"
        # 市辖区 (xxxx01) only groups a city's districts in the table: no one lives "there".
        return "grouping" if self.name == "市辖区" else "county"

    def valid_in(self, year: int) -> bool:
        return self.valid_from <= year <= self.valid_to


def _parse_name(raw: str) -> tuple[str, int, int]:
    match = _VALIDITY.match(raw)
    if not match:
        return raw, 0, _OPEN_END
    start, end, name = match.groups()
    return name, int(start or 0), int(end or _OPEN_END)


@dataclass(frozen=True, slots=True)
class RegionChange:
    """A code added (with its name, valid from a year, open-ended or to a year) or retired
    (no name: valid up to ``valid_to``)."""

    code: str
    name: str | None
    valid_from: int
    valid_to: int = _OPEN_END


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

    def with_changes(self, changes: list[RegionChange]) -> RegionTable:
        """This table with an operator's changes: codes added (valid from a year, perhaps to
        one) and codes retired (valid up to a year).  Division codes change at the turn of a
        year (GB/T 2260 is published as of 31 December), so years are what the table keeps."""
        regions = {code: list(entries) for code, entries in self._by_code.items()}
        for change in changes:
            entries = regions.setdefault(change.code, [])
            if change.name:
                entries[:] = [r if r.valid_to < change.valid_from
                              else Region(r.code, r.name, r.valid_from, change.valid_from - 1)
                              for r in entries if r.valid_from < change.valid_from]
                entries.append(Region(change.code, change.name, change.valid_from,
                                      change.valid_to))
            else:
                entries[:] = [Region(r.code, r.name, r.valid_from, min(r.valid_to,
                                                                          change.valid_to))
                              for r in entries if r.valid_from <= change.valid_to]
        return RegionTable(regions)

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

    @functools.lru_cache(maxsize=1024)  # noqa: B019 - the bundled table lives as long as the process
    def children(self, code: str, year: int) -> list[Region]:
        """The regions one level below ``code`` valid in ``year``: a province's cities (and its
        province-administered counties, coded xx90xx, which belong to no city), a city's
        counties."""
        level = "city" if code.endswith("0000") else "county"
        found = []
        for regions in self._by_code.values():
            for region in regions:
                direct = region.level == level or (level == "city" and region.code[2:4] == "90")
                if direct and region.valid_in(year) and contains(code, region.code) \
                        and region.code != code:
                    found.append(region)
        cities = {r.code for r in found if r.level == "city"}
        return sorted((r for r in found if r.level != "county" or level == "county"
                       or city_of(r.code) not in cities), key=lambda r: r.code)

    def counties_in(self, code: str, year: int) -> list[Region]:
        """Every county-level region inside ``code`` valid in ``year``."""
        if self.county(code, year) is not None:
            return [self.county(code, year)]  # type: ignore[list-item]
        return sorted((r for regions in self._by_code.values() for r in regions
                       if r.level == "county" and r.valid_in(year) and contains(code, r.code)),
                      key=lambda r: r.code)

    def existed_between(self, code: str, first_year: int, last_year: int) -> bool:
        return any(r.valid_from <= last_year and r.valid_to >= first_year
                   for r in self._by_code.get(code, ()))


MUNICIPALITIES = frozenset({"110000", "120000", "310000", "500000"})
"""北京、天津、上海、重庆: provinces whose districts and counties sit directly under them (the
table groups them as 市辖区 xx01xx and 县 xx02xx, which are no level of government)."""


def is_municipality(code: str) -> bool:
    return code in MUNICIPALITIES


def city_of(code: str) -> str:
    return code[:4] + "00"


def province_of(code: str) -> str:
    return code[:2] + "0000"


def contains(scope: str, code: str) -> bool:
    """Whether region ``scope`` (a province, city, county or nine-digit township code)
    contains ``code``: a county its townships, a township only itself."""
    if len(scope) == 6 and scope.endswith("0000"):
        return code[:2] == scope[:2]
    if len(scope) == 6 and scope.endswith("00"):
        return code[:4] == scope[:4]
    return code.startswith(scope)


def bounds(code: str) -> tuple[str, str]:
    """The six-digit codes inside region ``code``, as a closed range for SQL ``BETWEEN``
    (a county: itself; a township holds no six-digit code but its own)."""
    if len(code) == 6 and code.endswith("0000"):
        return code[:2] + "0000", code[:2] + "9999"
    if len(code) == 6 and code.endswith("00"):
        return code[:4] + "00", code[:4] + "99"
    return code, code
