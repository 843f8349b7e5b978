"""What a case page works out from the API's answer: where the case stands on the lifecycle
diagram, and its deadlines counted in working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from jingkang.common.domain.calendar import WorkingCalendar, china

from .labels import STATES

# The way most cases go, and where the detours leave it (DOMAIN.md, the lifecycle).
MAIN_PATH = ("pending_review", "registered", "dispatched", "accepted", "evaluated",
             "in_service", "closed")
DETOURS = {"rejected": "pending_review", "waitlisted": "registered",
           "relocating": "in_service", "hospitalized": "in_service"}


@dataclass(frozen=True)
class Step:
    state: str
    label: str
    status: str  # done, current, todo, skipped (a medical referral is registered at upload)
    detour: str = ""  # the side state the case is in, beside the step it left from


def lifecycle_steps(state: str, channel: str | None) -> list[Step]:
    """The main path with each step done, current or to come; a case on a detour (waitlist,
    relocation, relapse, rejection) has it shown beside the step it left from."""
    anchor = DETOURS.get(state, state)
    at = MAIN_PATH.index(anchor) if anchor in MAIN_PATH else -1
    steps = []
    for index, step in enumerate(MAIN_PATH):
        if step == "pending_review" and channel == "medical":
            status = "skipped"
        elif index < at or (index == at and state == "closed"):
            status = "done"
        elif index == at:
            status = "current"
        else:
            status = "todo"
        detour = STATES.get(state, state) if index == at and state in DETOURS else ""
        steps.append(Step(step, STATES.get(step, step), status, detour))
    return steps


def working_days_between(start: date, end: date, calendar: WorkingCalendar) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when ``end`` <= ``start``)."""
    days, day = 0, start
    while day < end:
        day = date.fromordinal(day.toordinal() + 1)
        days += calendar.is_working_day(day)
    return days


def deadline_text(due_on: str | None, today: date,
                  calendar: WorkingCalendar | None = None) -> str:
    """还剩3个工作日 / 今日到期 / 已逾期2个工作日, for a due date as the API writes it."""
    try:
        due = date.fromisoformat(due_on or "")
    except ValueError:
        return ""
    calendar = calendar or china()
    if due > today:
        return f"还剩{working_days_between(today, due, calendar)}个工作日"
    if due == today:
        return "今日到期"
    return f"已逾期{working_days_between(due, today, calendar)}个工作日"
