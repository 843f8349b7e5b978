"""The baseline columns (1–4, 14, 15, 19): which entries a period shows, and how rows add up.

Each test is one defect an official found comparing the summary with the annex: the total
not the sum of its rows, entries carried silently across periods, a team counted once per
county it works in."""

from __future__ import annotations

from decimal import Decimal

from jingkang.registry.domain.baseline_figures import (
    Cells, Entry, Rollup, choose, entry_of, sum_cells,
)
from jingkang.registry.domain.periods import Period

Q1, Q2, Q3 = Period.parse("2026Q1"), Period.parse("2026Q2"), Period.parse("2026Q3")
H2, YEAR = Period.parse("2026H2"), Period.parse("2026")
TREE = {"130000": ["130100", "130200"], "130100": ["130102", "130104"], "130200": ["130202"]}


def entry(region: str, period: str, total: int = 0, funding: str = "0", teams: tuple = (),
          version: int = 1) -> Entry:
    return entry_of({"region": region, "period": period, "version": version,
                     "total_patients": total, "severe_at_home_police": 0,
                     "severe_at_home_health": 0, "general_at_home": 0,
                     "psychiatric_medical_staff": 0, "funding_10k_cny": funding,
                     "purchased_teams": [{"name": t} for t in teams]})


def rollup(entries: list[Entry], period: Period) -> Rollup:
    return Rollup(choose(entries, period), lambda code: TREE.get(code, []))


def summary(entries: list[Entry], period: Period, region: str = "130100"
            ) -> tuple[list[Cells], Cells, Cells, Rollup]:
    r = rollup(entries, period)
    rows = [r.area(child) for child in TREE[region]]
    own = r.own_level(region, rows)
    total = sum_cells([*rows, own])
    r.check_total(region, total, own)
    return rows, own, total, r


def test_the_total_is_the_sum_of_the_rows_and_a_parents_own_count_is_a_discrepancy() -> None:
    entries = [entry("130100", "2026Q3", total=1000, funding="100"),
               entry("130102", "2026Q3", total=300, funding="10"),
               entry("130104", "2026Q3", total=200, funding="20")]
    rows, own, total, r = summary(entries, Q3)
    assert [row.values[1] for row in rows] == [300, 200]
    assert total.values[1] == 500  # not the city's 1000
    assert [(d.region, d.column, d.entered, d.parts) for d in r.discrepancies] == [
        ("130100", 1, 1000, 500)]
    # 本级财政 is each level's own spending: the city's own row, in the total.
    assert own.values[19] == Decimal("100") and 1 not in own.values
    assert total.values[19] == Decimal("130")


def test_a_parents_own_count_stands_in_its_own_row_where_no_child_counts() -> None:
    rows, own, total, r = summary([entry("130100", "2026Q3", total=1000)], Q3)
    assert all(1 not in row.values for row in rows)
    assert own.values[1] == 1000 and total.values[1] == 1000 and r.discrepancies == []


def test_a_childs_row_is_its_own_entry_else_its_parts() -> None:
    entries = [entry("130102", "2026Q3", total=30, funding="1"),
               entry("130104", "2026Q3", total=20, funding="2"),
               entry("130200", "2026Q3", total=99, funding="5"),
               entry("130202", "2026Q3", total=40, funding="7")]
    r = rollup(entries, Q3)
    city = r.area("130100")
    assert (city.values[1], city.values[19]) == (50, Decimal("3"))
    tangshan = r.area("130200")
    assert (tangshan.values[1], tangshan.values[19]) == (99, Decimal("12"))  # own + parts' money
    assert [(d.region, d.entered, d.parts) for d in r.discrepancies] == [("130200", 99, 40)]


def test_a_flow_belongs_to_its_period_only() -> None:
    entries = [entry("130102", "2026Q2", total=50, funding="3", teams=("甲",))]
    row = rollup(entries, Q3).area("130102")
    assert 19 not in row.values and 15 not in row.values


def test_a_stock_is_carried_from_the_last_period_and_says_so() -> None:
    entries = [entry("130102", "2026Q1", total=40), entry("130102", "2026Q2", total=50)]
    row = rollup(entries, Q3).area("130102")
    assert row.values[1] == 50 and row.carried[1] == "2026Q2"
    current = rollup([*entries, entry("130102", "2026Q3", total=55)], Q3).area("130102")
    assert current.values[1] == 55 and current.carried == {}
    city = rollup(entries, Q3).area("130100")
    assert city.values[1] == 50 and city.carried[1] == "2026Q2"  # the mark goes up


def test_a_yearly_entry_does_not_override_a_quarters() -> None:
    entries = [entry("130102", "2026Q1", total=10, funding="1"),
               entry("130102", "2026", total=99, funding="40")]
    row = rollup(entries, Q1).area("130102")
    assert (row.values[1], row.values[19]) == (10, Decimal("1"))
    whole = rollup(entries, YEAR).area("130102")
    assert (whole.values[1], whole.values[19]) == (99, Decimal("40"))


def test_a_half_years_flows_add_up_its_quarters_and_its_stock_is_the_latest() -> None:
    entries = [entry("130102", "2026Q3", total=10, funding="1", teams=("甲",)),
               entry("130102", "2026Q4", total=12, funding="2", teams=("甲", "乙"))]
    row = rollup(entries, H2).area("130102")
    assert (row.values[1], row.values[19], row.values[15]) == (12, Decimal("3"), ["甲", "乙"])
    own_half = rollup([*entries, entry("130102", "2026H2", funding="5")], H2).area("130102")
    assert own_half.values[19] == Decimal("5")  # the half-year's own entry stands for both


def test_a_correction_replaces_the_entry() -> None:
    entries = [entry("130102", "2026Q3", total=90, version=1),
               entry("130102", "2026Q3", total=100, version=2)]
    assert rollup(entries, Q3).area("130102").values[1] == 100


def test_a_team_working_in_two_counties_is_one_team() -> None:
    entries = [entry("130102", "2026Q3", teams=("心康团队", "长安社工")),
               entry("130104", "2026Q3", teams=("心康团队",))]
    rows, own, total, _ = summary(entries, Q3)
    assert total.values[15] == ["心康团队", "长安社工"]
    assert rollup(entries, Q3).area("130100").values[15] == ["心康团队", "长安社工"]


def test_no_entries_no_figures() -> None:
    rows, own, total, r = summary([], Q3)
    assert total.values == {} and own.is_empty() and r.discrepancies == []
