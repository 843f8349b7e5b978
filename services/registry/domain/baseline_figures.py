"""Which baseline entries (摸底, columns 1–4, 14, 15 and 19) a summary shows, and where.

Two kinds of figure, with different rules (docs/registry.md, Baseline figures):

- **Stocks** (columns 1–4 and 14: patients and specialist staff in the area) are counts of
  the area.  A region's row shows its own entry, else the sum of its parts.  An entry of the
  period (or of a shorter period inside it, the latest) is current; without one, the latest
  earlier entry is carried forward, and the cell says so (沿用上期, with the period it comes
  from).  A parent's own count never replaces its children's sum: where both exist and
  disagree, the summary lists a discrepancy.
- **Flows** (column 19, 本级财政: each level's own spending; column 15, the teams a level buys)
  belong to their period only: an entry of exactly the period, else the entries of shorter
  periods inside it, added up.  A region's row adds up its whole area; a level's own entries
  appear in a row of their own (本级), which the total includes.

The total row is always the sum of the rows shown.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .periods import Period

STOCKS = {1: "total_patients", 2: "severe_at_home_police", 3: "severe_at_home_health",
          4: "general_at_home", 14: "psychiatric_medical_staff"}
FUNDING = 19
TEAMS = 15
FLOWS = {FUNDING: "funding_10k_cny"}
COLUMNS = (*STOCKS, TEAMS, FUNDING)


@dataclass(frozen=True)
class Entry:
    region: str
    period: Period
    version: int
    values: dict[int, Any]  # stocks and column 19 by number; 15 the list of team names


def entry_of(row: dict[str, Any]) -> Entry:
    values: dict[int, Any] = {n: row[key] for n, key in STOCKS.items()}
    values[FUNDING] = Decimal(str(row["funding_10k_cny"]))
    values[TEAMS] = [team["name"] for team in row["purchased_teams"]]
    return Entry(row["region"], Period.parse(row["period"]), row["version"], values)


@dataclass
class Cells:
    """A row's baseline cells: values by column, and the stock cells carried forward."""

    values: dict[int, Any] = field(default_factory=dict)
    carried: dict[int, str] = field(default_factory=dict)  # column → period carried from

    def is_empty(self) -> bool:
        return not self.values


@dataclass(frozen=True)
class Chosen:
    """One region's own figures for the period."""

    stocks: dict[int, Any]
    stocks_from: str | None  # the earlier period carried forward, if the stocks are carried
    flows: dict[int, Any]  # column 19 and 15, present only when entered for the period


def _inside(inner: Period, outer: Period) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _corrected(entries: Iterable[Entry]) -> list[Entry]:
    """The latest version of each region's entry for each period (corrections win)."""
    latest: dict[tuple[str, Period], Entry] = {}
    for entry in entries:
        key = (entry.region, entry.period)
        if key not in latest or latest[key].version < entry.version:
            latest[key] = entry
    return list(latest.values())


def choose(entries: Iterable[Entry], period: Period) -> dict[str, Chosen]:
    """Each region's own stocks and flows for ``period``."""
    by_region: dict[str, list[Entry]] = {}
    for entry in _corrected(entries):
        by_region.setdefault(entry.region, []).append(entry)
    chosen = {}
    for region, own in by_region.items():
        stocks, carried_from = _stocks(own, period)
        flows = _flows(own, period)
        if stocks or flows:
            chosen[region] = Chosen(stocks, carried_from, flows)
    return chosen


def _stocks(entries: list[Entry], period: Period) -> tuple[dict[int, Any], str | None]:
    current = [e for e in entries if _inside(e.period, period)]
    if current:
        latest = max(current, key=lambda e: (e.period.end, -e.period.months))
        return {n: latest.values[n] for n in STOCKS}, None
    earlier = [e for e in entries if e.period.end <= period.start]
    if not earlier:
        return {}, None
    latest = max(earlier, key=lambda e: (e.period.end, -e.period.months))
    return {n: latest.values[n] for n in STOCKS}, str(latest.period)


def _flows(entries: list[Entry], period: Period) -> dict[int, Any]:
    """The period's own entry, else its shorter entries inside it, longest first, none
    overlapping another (a half-year's entry stands for its quarters)."""
    taken: list[Entry] = []
    for entry in sorted((e for e in entries if _inside(e.period, period)),
                        key=lambda e: (-e.period.months, e.period.start)):
        if all(entry.period.end <= t.period.start or t.period.end <= entry.period.start
               for t in taken):
            taken.append(entry)
    if not taken:
        return {}
    return {FUNDING: sum((e.values[FUNDING] for e in taken), Decimal("0")),
            TEAMS: unique(name for e in taken for name in e.values[TEAMS])}


def unique(names: Iterable[str]) -> list[str]:
    """Team names in first-seen order, each once: a team working in two places is one team."""
    return list(dict.fromkeys(names))


@dataclass(frozen=True)
class Discrepancy:
    region: str
    column: int
    entered: Any
    parts: Any  # the sum of the region's parts

    def as_dict(self) -> dict[str, Any]:
        def plain(value: Any) -> Any:
            return float(value) if isinstance(value, Decimal) else value
        return {"region": self.region, "column": self.column, "entered": plain(self.entered),
                "sum_of_parts": plain(self.parts)}


class Rollup:
    """Baseline cells of any region from the chosen entries, its parts given by ``parts``."""

    def __init__(self, chosen: dict[str, Chosen], parts: Callable[[str], list[str]]) -> None:
        self.chosen, self.parts = chosen, parts
        self.discrepancies: list[Discrepancy] = []
        self._memo: dict[str, Cells] = {}

    def area(self, region: str) -> Cells:
        """A region's row: its own stocks else its parts' sum; its whole area's flows."""
        if region in self._memo:
            return self._memo[region]
        parts = sum_cells(self.area(p) for p in self.parts(region))
        own = self.chosen.get(region)
        cells = Cells({n: v for n, v in parts.values.items() if n not in STOCKS},
                      {})
        for number in STOCKS:
            if own is not None and number in own.stocks:
                cells.values[number] = own.stocks[number]
                if own.stocks_from:
                    cells.carried[number] = own.stocks_from
                self._check(region, number, own.stocks[number], parts)
            elif number in parts.values:
                cells.values[number] = parts.values[number]
                if number in parts.carried:
                    cells.carried[number] = parts.carried[number]
        if own is not None:
            add_flows(cells, own.flows)
        self._memo[region] = cells
        return cells

    def own_level(self, region: str, children: list[Cells]) -> Cells:
        """The 本级 row: the level's own flows, and its own stocks in a column none of its
        children fills (an area counted as a whole, not yet broken down)."""
        cells = Cells()
        own = self.chosen.get(region)
        if own is None:
            return cells
        add_flows(cells, own.flows)
        filled = sum_cells(children)
        for number, value in own.stocks.items():
            if number not in filled.values:
                cells.values[number] = value
                if own.stocks_from:
                    cells.carried[number] = own.stocks_from
        return cells

    def check_total(self, region: str, total: Cells, own_row: Cells) -> None:
        own = self.chosen.get(region)
        if own is None:
            return
        for number, value in own.stocks.items():
            if number not in own_row.values:
                self._check(region, number, value, total)

    def _check(self, region: str, number: int, entered: Any, parts: Cells) -> None:
        if number in parts.values and parts.values[number] != entered:
            self.discrepancies.append(Discrepancy(region, number, entered, parts.values[number]))


def add_flows(cells: Cells, flows: dict[int, Any]) -> None:
    if FUNDING in flows:
        cells.values[FUNDING] = cells.values.get(FUNDING, Decimal("0")) + flows[FUNDING]
    if TEAMS in flows:
        cells.values[TEAMS] = unique([*cells.values.get(TEAMS, []), *flows[TEAMS]])


def sum_cells(rows: Iterable[Cells]) -> Cells:
    """Rows added up: counts and money summed, teams counted once, carried marks kept."""
    total = Cells()
    for row in rows:
        for number, value in row.values.items():
            if number == TEAMS:
                total.values[TEAMS] = unique([*total.values.get(TEAMS, []), *value])
            else:
                total.values[number] = total.values.get(number, 0) + value
        for number, since in row.carried.items():
            total.carried.setdefault(number, since)
    return total
