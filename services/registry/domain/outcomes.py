"""The outcomes report: what the documents' second-year goals ask to see fall or rise (冀: lower
relapse and disability rates, more self-care and employment; 郑: 60 % of home patients served).

Every figure is over the cases **served in the period**: registered (state registered …
hospitalized) at some moment of it, while living in the region.  Definitions, stated once
here and in docs/registry.md (Outcomes):

- **relapse rate** (复发率): the share of them with at least one relapse referral (复发绿色通道)
  recorded in the period;
- **rehospitalisation** (再住院): the relapse referrals recorded in the period (each is a
  hospital admission), the returns from hospital in the period, and the mean days in hospital
  of the stays that ended in it (from the referral's day to the discharge day);
- **employment at exit** (结案就业): of the cases closed by exit in the period, those whose
  destination is employment or sheltered employment;
- **self-care** and **social functioning** change: for each case with at least two scored
  assessments (an evaluation or reassessment with a Barthel ADL / PSP score) recorded by the
  period's end, the latest in the period, the latest score minus the first: improved (> 0),
  unchanged, worse; and the mean change;
- **employment status**: each case's status at its latest assessment recording one by the
  period's end; the employed share leaves out ``not_applicable``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from jingkang.common.domain.chinatime import CHINA
from jingkang.common.domain.vocabulary import EMPLOYED_AT_EXIT, EMPLOYED_STATUSES, EmploymentStatus

from .periods import Period

SCORED = ("evaluation", "reassessment")
MEASURES = {"self_care": "self_care_score", "social_functioning": "social_functioning_score"}


@dataclass(frozen=True)
class Milestone:
    kind: str  # the archive's milestone kind: relapse, hospital_return, closed, ...
    at: datetime  # recorded
    detail: dict[str, Any]


def share(part: int, whole: int) -> float | None:
    return None if whole == 0 else round(part / whole, 4)


def outcomes(served: dict[str, list[Milestone]], period: Period) -> dict[str, Any]:
    """The report over ``served``: each served case's milestones recorded before the period's
    end, in order."""
    start, end = period.start, period.end

    def within(m: Milestone) -> bool:
        return start <= m.at < end

    relapsed = admissions = returns = 0
    stay_days: list[int] = []
    exits = employed_exits = 0
    for milestones in served.values():
        referrals = [m for m in milestones if m.kind == "relapse"]
        relapsed += any(within(m) for m in referrals)
        admissions += sum(within(m) for m in referrals)
        for back in (m for m in milestones if m.kind == "hospital_return" and within(m)):
            returns += 1
            before = [m for m in referrals if m.at <= back.at]
            if before and back.detail.get("discharged_on"):
                referred = before[-1].at.astimezone(CHINA).date()
                stay_days.append((date.fromisoformat(back.detail["discharged_on"])
                                  - referred).days)
        for closed in (m for m in milestones if m.kind == "closed" and within(m)):
            if closed.detail.get("reason") == "exited":
                exits += 1
                employed_exits += closed.detail.get("exit_destination") in EMPLOYED_AT_EXIT
    count = len(served)
    return {
        "period": str(period), "served": count,
        "relapse": {"cases": relapsed, "rate": share(relapsed, count)},
        "rehospitalisation": {
            "admissions": admissions, "returns": returns,
            "mean_days_in_hospital": (None if not stay_days
                                      else round(sum(stay_days) / len(stay_days), 1))},
        "employment_at_exit": {"exits": exits, "employed": employed_exits,
                               "share": share(employed_exits, exits)},
        **{name: _change(served, field, period) for name, field in MEASURES.items()},
        "employment_status": _employment(served),
    }


def _change(served: dict[str, list[Milestone]], field: str, period: Period) -> dict[str, Any]:
    improved = unchanged = worse = 0
    changes: list[int] = []
    for milestones in served.values():
        scored = [m for m in milestones if m.kind in SCORED and field in m.detail]
        if len(scored) < 2 or scored[-1].at < period.start:
            continue
        change = scored[-1].detail[field] - scored[0].detail[field]
        changes.append(change)
        improved += change > 0
        unchanged += change == 0
        worse += change < 0
    return {"cases": len(changes), "improved": improved, "unchanged": unchanged,
            "worse": worse,
            "mean_change": None if not changes else round(sum(changes) / len(changes), 1)}


def _employment(served: dict[str, list[Milestone]]) -> dict[str, Any]:
    counts = {status.value: 0 for status in EmploymentStatus}
    for milestones in served.values():
        known = [m for m in milestones if m.kind in SCORED and "employment_status" in m.detail]
        if known:
            counts[known[-1].detail["employment_status"]] += 1
    employed = sum(counts[s.value] for s in EMPLOYED_STATUSES)
    assessed = sum(counts.values()) - counts[EmploymentStatus.NOT_APPLICABLE.value]
    return {"by_status": counts, "assessed": assessed, "employed": employed,
            "employed_share": share(employed, assessed)}
