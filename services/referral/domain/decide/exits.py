"""Moves, relapses, exits, follow-ups and consent changes."""

from __future__ import annotations

from jingkang.common.domain.chinatime import china_date

from .. import commands as cmd
from .. import events as ev
from ..case import Case
from ..errors import InvalidCommand
from ..institutions import Institution
from ..lifecycle import check
from ..vocabulary import CloseReason
from .context import Context, closed, county_today, not_future
from .dispatching import receiver

def push_relocation(case: Case, c: cmd.Relocation, ctx: Context,
                    institutions: list[Institution]) -> list[ev.CaseEvent]:
    check("push_relocation", ctx.guard(case))
    county_today(c.to_region, "to_region", ctx)
    if c.to_region == case.residence_region:
        raise InvalidCommand("the new residence is the current one", field="to_region",
                             zh="新居住地与现居住地相同")
    target = None
    if c.target_institution_id is not None:
        target = receiver(c.target_institution_id, case, c.to_region, "target_institution_id",
                           institutions)
    return [ev.RelocationPushed(
        case_id=case.case_id, from_institution_id=case.institution_id or "",
        from_region=case.residence_region or "", to_region=c.to_region,
        target_institution_id=c.target_institution_id, reason=c.reason,
        target_institution_name=target.name if target else None)]


def refer_relapse(case: Case, c: cmd.Relapse, ctx: Context) -> list[ev.CaseEvent]:
    check("refer_relapse", ctx.guard(case))
    return [ev.RelapseReferred(case_id=case.case_id, institution_id=ctx.actor.org_id,
                               hospital_org_id=c.hospital_org_id, risk_level=c.risk_level,
                               reason=c.reason)]


def return_from_hospital(case: Case, c: cmd.HospitalReturn, ctx: Context) -> list[ev.CaseEvent]:
    check("return_from_hospital", ctx.guard(case))
    not_future(c.discharged_on, "discharged_on", ctx)
    return [ev.ReturnedFromHospital(case_id=case.case_id, discharged_on=c.discharged_on,
                                    notes=c.notes)]


def exit_case(case: Case, c: cmd.Exit, ctx: Context) -> list[ev.CaseEvent]:
    check("exit", ctx.guard(case))
    recommended = case.last_reassessment.exit_destination if case.last_reassessment else None
    if c.destination != recommended:
        raise InvalidCommand(f"the last post-referral assessment recommends {recommended}",
                             field="destination", zh="结案去向须与最近一次转介评估的建议去向一致")
    return [closed(case, ctx, CloseReason.EXITED, exit_destination=c.destination, notes=c.notes)]


def withdraw(case: Case, c: cmd.Withdrawal, ctx: Context) -> list[ev.CaseEvent]:
    check("withdraw", ctx.guard(case))
    if c.unwilling and c.reason.value != CloseReason.WITHDRAWN.value:
        raise InvalidCommand("unwilling goes with reason withdrawn", field="unwilling",
                             zh="本人不愿参加时，结案原因应为“本人退出”")
    return [closed(case, ctx, CloseReason(c.reason.value), unwilling=c.unwilling, notes=c.notes)]


def record_follow_up(case: Case, c: cmd.FollowUp, ctx: Context) -> list[ev.CaseEvent]:
    check("record_follow_up", ctx.guard(case))
    not_future(c.visited_on, "visited_on", ctx)
    if case.closed_at and c.visited_on < china_date(case.closed_at):
        raise InvalidCommand("a follow-up comes after the closing", field="visited_on",
                             zh="回访日期不能早于结案日期")
    return [ev.FollowUpRecorded(case_id=case.case_id, visited_on=c.visited_on,
                                outcome=c.outcome)]


def change_consent(case: Case, c: cmd.ConsentChange, ctx: Context) -> list[ev.CaseEvent]:
    """单独同意 given or withdrawn (PIPL art. 29); a withdrawal stops further sharing."""
    not_future(c.on, "on", ctx)
    if not c.withdrawn:
        check("give_consent", ctx.guard(case))
        return [ev.ConsentRecorded(case_id=case.case_id, purpose=c.purpose, given_by=c.given_by,
                                   given_on=c.on)]
    check("withdraw_consent", ctx.guard(case))
    if (c.purpose, c.given_by.value) not in case.consents:
        raise InvalidCommand(f"no {c.purpose.value} consent of the {c.given_by.value} to "
                             "withdraw", field="purpose", zh="没有可撤回的此项同意")
    return [ev.ConsentWithdrawn(case_id=case.case_id, purpose=c.purpose,
                                withdrawn_by=c.given_by, withdrawn_on=c.on)]
