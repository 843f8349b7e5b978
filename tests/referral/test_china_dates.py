"""Every date a person sees is a China date: a case registered between 00:00 and 08:00 China
time (the day before in UTC) is due for its re-review three months after its China date, and
the guard that asks for the re-review starts refusing on that date, not a day later."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from jingkang.common.domain.chinatime import CHINA, china_date
from jingkang.referral.domain import commands as cmd
from jingkang.referral.domain import decide
from jingkang.referral.domain.case import Case, evolve
from jingkang.referral.domain.deadlines import pending_deadlines
from jingkang.referral.domain.errors import ReconfirmationRequired
from jingkang.referral.domain.rules import Rules
from jingkang.referral.domain.vocabulary import ConsentGiver, ConsentPurpose

from .domain_support import DIRECTORY, HOSPITAL, PLATFORM, context, upload


def _registered(at: datetime) -> Case:
    day = china_date(at)
    command = upload(assessed_on=day, consents=[
        cmd.Consent(purpose=purpose, given_by=giver, given_on=day)
        for purpose in ConsentPurpose for giver in (ConsentGiver.PATIENT, ConsentGiver.GUARDIAN)])
    case = Case("case-1")
    for event in decide.upload_medical_assessment("case-1", "pk-1", command,
                                                  context(HOSPITAL, at)):
        case = evolve(case, event, at)
    return case


@pytest.mark.parametrize(("registered", "due"), [
    (datetime(2026, 3, 2, 1, 30, tzinfo=CHINA), date(2026, 6, 2)),  # UTC: 1 March
    (datetime(2026, 3, 2, 0, 0, tzinfo=CHINA), date(2026, 6, 2)),  # the first instant
    (datetime(2026, 3, 2, 7, 59, 59, 999999, tzinfo=CHINA), date(2026, 6, 2)),  # the last
    (datetime(2026, 3, 2, 8, 0, tzinfo=CHINA), date(2026, 6, 2)),  # UTC midnight: same day
    (datetime(2026, 3, 1, 23, 59, tzinfo=CHINA), date(2026, 6, 1)),  # the evening before
    (datetime(2026, 5, 31, 1, 30, tzinfo=CHINA), date(2026, 8, 31)),  # UTC: 30 May
    (datetime(2026, 11, 30, 2, 0, tzinfo=CHINA), date(2027, 2, 28)),  # clamped to February
    (datetime(2026, 12, 1, 3, 0, tzinfo=CHINA), date(2027, 3, 1)),  # UTC: 30 November
])
def test_the_reconfirmation_falls_due_three_months_after_the_china_date(
        registered: datetime, due: date) -> None:
    case = _registered(registered.astimezone(UTC))  # times are recorded in UTC
    assert pending_deadlines(case, Rules())["reconfirmation"] == due
    assert case.dispatch_due_on is not None and case.dispatch_due_on > china_date(registered)


@pytest.mark.parametrize("registered", [
    datetime(2026, 3, 31, 1, 30, tzinfo=CHINA),  # UTC: 30 March; due 30 June in China
    datetime(2026, 3, 2, 1, 30, tzinfo=CHINA),  # UTC: 1 March; due 2 June in China
])
def test_the_reconfirmation_is_required_from_the_instant_on_its_due_date(
        registered: datetime) -> None:
    case = _registered(registered.astimezone(UTC))
    due = pending_deadlines(case, Rules())["reconfirmation"]
    # Three China months on: the same China time on the due date.
    required_from = datetime.combine(due, registered.timetz())
    just_before = required_from - timedelta(microseconds=1)
    decide.dispatch(case, cmd.Dispatch(), context(PLATFORM, just_before), DIRECTORY)
    with pytest.raises(ReconfirmationRequired):
        decide.dispatch(case, cmd.Dispatch(), context(PLATFORM, required_from), DIRECTORY)
    assert china_date(required_from) == due
