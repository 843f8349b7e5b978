"""A parent's figures drafted from its children's accepted reports (the official chain), and
where those disagree with the live figures the system counts.

A row's values are those of the summary (``application/statistics.py``): counts by column
number, rates in per cent (columns 6 and 13, over columns 5 and 12), column 15 as the teams'
count and names, column 19 in 万元.
"""

from __future__ import annotations

from typing import Any

# Rate columns and the count each is a share of.
RATES = {"6": "5", "13": "12"}
TEAMS = "15"
# What happened in the period (added up over a half-year's quarters); every other column is
# a stock as at the period's end (taken from the last quarter).
FLOWS = frozenset({"7", "8", "9", "10", "11", "15", "19"})


def over_periods(totals: list[dict[str, Any]]) -> dict[str, Any]:
    """One region's values for a longer period from its reports of the periods in it, in
    order: the flows added up, the stocks as the last report has them."""
    combined = dict(totals[-1])
    for column in FLOWS:
        combined[column] = summed([{column: t.get(column)} for t in totals]).get(column)
    return combined


def summed(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The total of rows' values: counts added, rates over the added numerators, the teams
    counted once each (a team working in two places is one team)."""
    total: dict[str, Any] = {}
    numerators: dict[str, float] = {}
    names: list[str] = []
    seen_teams = False
    for row in rows:
        for column, value in row.items():
            if column in RATES:
                base = row.get(RATES[column]) or 0
                if value is not None:
                    numerators[column] = numerators.get(column, 0.0) + value * base / 100
            elif column == TEAMS:
                if value is not None:
                    seen_teams = True
                    names += [n for n in value.get("names", []) if n not in names]
            elif isinstance(value, int | float):
                total[column] = round((total.get(column) or 0) + value, 4)
            else:
                total.setdefault(column, None)
    for column, base in RATES.items():
        denominator = total.get(base) or 0
        total[column] = (None if not denominator
                         else round(100 * numerators.get(column, 0.0) / denominator, 2))
    total[TEAMS] = {"count": len(names), "names": names} if seen_teams else None
    return total


def is_child(row: dict[str, Any]) -> bool:
    """A row that is a child region's (not the unplaced row, not the level's own 本级 row)."""
    return bool(row["region"]) and not row.get("own_level")


def from_accepted(live: dict[str, Any], accepted: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The summary ``live`` with each child row's values replaced by that child's accepted
    figures (``accepted``: region → its values over the period); a child without them shows
    no values and ``accepted: false``.  The level's own 本级 row is its own entries, as
    live.  The total is the sum of the rows shown."""
    rows = []
    for row in live["rows"]:
        if row.get("own_level"):
            rows.append({**row, "accepted": True})
            continue
        values = accepted.get(row["region"])
        rows.append({**row, "values": values or {c: None for c in row["values"]},
                     "carried": {}, "accepted": values is not None})
    total_values = summed([r["values"] for r in rows if r["accepted"]])
    for column in live["total"]["values"]:
        total_values.setdefault(column, None)
    carried: dict[str, str] = {}
    for row in rows:
        for column, since in row.get("carried", {}).items():
            carried.setdefault(column, since)
    return {**live, "source": "accepted", "rows": rows,
            "total": {**live["total"], "values": total_values, "carried": carried}}


def differences(official: dict[str, Any], live: dict[str, Any]) -> list[dict[str, Any]]:
    """Per child row with an accepted report, the columns where its accepted figure and the
    live figure differ."""
    live_rows = {r["region"]: r for r in live["rows"]}
    found = []
    for row in official["rows"]:
        if not row.get("accepted"):
            continue
        counted = live_rows.get(row["region"], {"values": {}})["values"]
        columns = {column: {"accepted": value, "live": counted.get(column)}
                   for column, value in row["values"].items() if value != counted.get(column)}
        if columns:
            found.append({"region": row["region"], "name": row["name"], "columns": columns})
    return found
