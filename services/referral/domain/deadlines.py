"""Which step of a case is waiting, and by when (DOMAIN.md, Deadlines and follow-up).

The one definition behind the deadlines in every answer, the read model's due columns and
the ``due=`` work queues: a due date exists exactly while its step waits.
"""

from __future__ import annotations

from datetime import date

from jingkang.common.domain.chinatime import china_date

from .case import Case
from .rules import Rules, add_months
from .vocabulary import CaseState

QUEUES = ("review", "dispatch", "reconfirmation", "reassessment", "follow_up")
_WAITING_FOR_DISPATCH = (CaseState.REGISTERED, CaseState.WAITLISTED)


def pending_deadlines(case: Case, rules: Rules) -> dict[str, date]:
    """The due date of every step the case waits for now, by queue name."""
    confirmed = case.last_confirmed_at
    due = {
        "review": case.review_due_on if case.state == CaseState.PENDING_REVIEW else None,
        "dispatch": case.dispatch_due_on if case.state in _WAITING_FOR_DISPATCH else None,
        # Months from the China date of the registration (or last confirmation): the date
        # of the UTC time is a day early for one registered between 00:00 and 08:00 in China.
        "reconfirmation": add_months(china_date(confirmed), rules.reconfirm_after_months)
        if confirmed is not None and case.state in _WAITING_FOR_DISPATCH else None,
        "reassessment": case.reassessment_due_on if case.state == CaseState.IN_SERVICE else None,
        "follow_up": case.follow_up_due_on
        if case.state == CaseState.CLOSED and case.follow_ups == 0 else None,
    }
    return {queue: day for queue, day in due.items() if day is not None}
