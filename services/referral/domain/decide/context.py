"""Shared by every stage: the deciding context, field checks that need today's date or the
division table, and the closing event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.calendar import WorkingCalendar
from jingkang.common.domain.chinatime import china_date
from jingkang.common.domain.identity import InvalidIdentity, validate_id_number
from jingkang.common.domain.regions import RegionTable

from .. import commands as cmd
from .. import events as ev
from .. import values
from ..case import Case
from ..errors import InvalidCommand
from ..lifecycle import GuardContext
from ..rules import Rules, add_months
from ..vocabulary import CloseReason

@dataclass(frozen=True)
class Context:
    actor: Actor
    now: datetime
    rules: Rules
    calendar: WorkingCalendar
    regions: RegionTable

    @property
    def today(self) -> date:
        return china_date(self.now)

    def guard(self, case: Case) -> GuardContext:
        return GuardContext(case, self.actor, self.now, self.rules)


def not_future(day: date, field: str, ctx: Context) -> None:
    if day > ctx.today:
        raise InvalidCommand(f"{field} is in the future", field=field, zh="日期不能晚于今天")


def county_today(code: str, field: str, ctx: Context) -> None:
    if ctx.regions.county(code, ctx.today.year) is None:
        raise InvalidCommand(f"{code} is not a county-level division code valid today",
                             field=field, zh=f"{code} 不是现行有效的县级行政区划代码")


def validated_person(person: cmd.Person, ctx: Context) -> values.Person:
    """The person as events keep them, with the identity number in its checked form."""
    try:
        number = validate_id_number(person.id_number, today=ctx.today, regions=ctx.regions)
    except InvalidIdentity as exc:
        raise InvalidCommand(f"identity number: {exc}", field="person.id_number",
                             zh="身份证号码无效（位数、出生日期、地址码或校验位有误）") from None
    return values.Person(name=person.name, id_number=number, phone=person.phone,
                         address=person.address, guardian=_guardian(person.guardian))


def _guardian(guardian: cmd.Guardian | None) -> values.Guardian | None:
    if guardian is None:
        return None
    return values.Guardian(name=guardian.name, relation=guardian.relation, phone=guardian.phone)


def consents(given: list[cmd.Consent]) -> list[values.Consent]:
    return [values.Consent(purpose=c.purpose, given_by=c.given_by, given_on=c.given_on)
            for c in given]


def team(members: list[cmd.TeamMember]) -> list[values.TeamMember]:
    return [values.TeamMember(name=m.name, profession=m.profession) for m in members]


def closed(case: Case, ctx: Context, reason: CloseReason, *, unwilling: bool = False,
            exit_destination=None, notes: str | None = None) -> ev.CaseClosed:  # noqa: ANN001
    return ev.CaseClosed(
        case_id=case.case_id, reason=reason, exit_destination=exit_destination,
        unwilling=unwilling, notes=notes, closed_at=ctx.now,
        follow_up_due_on=add_months(ctx.today, ctx.rules.follow_up_within_months))
