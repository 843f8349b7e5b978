"""Deciding: a command on a case → the events it causes, or a domain error.  Nothing is stored here.

Every decision first asks the lifecycle whether the actor may take the move (role, state,
guards), then checks what only the command and the case together can tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from jingkang.common.chinatime import china_date
from jingkang.common.identity import InvalidIdentity, validate_id_number
from jingkang.common.regions import RegionTable, city_of

from . import commands as cmd
from . import events as ev
from .calendar import WorkingCalendar
from .case import Case
from .errors import AgreementRequired, ConsentRequired, InvalidCommand
from .institutions import Institution, choose_by_residence
from .lifecycle import Actor, GuardContext, check
from .rules import Rules, add_months
from .vocabulary import CaseState, CloseReason, ConsentGiver, ConsentPurpose, Profession

_EVALUATION_PROFESSIONS = {Profession.PSYCHIATRIST, Profession.NURSE,
                           Profession.REHABILITATION_THERAPIST, Profession.SOCIAL_WORKER}


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


# --- field checks that need today's date or the division table --------------------------


def _not_future(day: date, field: str, ctx: Context) -> None:
    if day > ctx.today:
        raise InvalidCommand(f"{field} is in the future", field=field)


def _county_today(code: str, field: str, ctx: Context) -> None:
    if ctx.regions.county(code, ctx.today.year) is None:
        raise InvalidCommand(f"{code} is not a county-level division code valid today",
                             field=field)


def _person(person: cmd.Person, ctx: Context) -> cmd.Person:
    try:
        number = validate_id_number(person.id_number, today=ctx.today, regions=ctx.regions)
    except InvalidIdentity as exc:
        raise InvalidCommand(f"identity number: {exc}", field="person.id_number") from None
    return person.model_copy(update={"id_number": number})


# --- ways in ------------------------------------------------------------------------------


def upload_medical_assessment(case_id: str, person_key: str, c: cmd.UploadMedicalAssessment,
                              ctx: Context) -> list[ev.CaseEvent]:
    check("upload_assessment", ctx.guard(Case(case_id)))
    givers = {x.given_by for x in c.consents if x.purpose == ConsentPurpose.REFERRAL_UPLOAD}
    if givers != {ConsentGiver.PATIENT, ConsentGiver.GUARDIAN}:
        missing = sorted({ConsentGiver.PATIENT.value, ConsentGiver.GUARDIAN.value}
                         - {g.value for g in givers})
        raise ConsentRequired("the upload needs the consent of the patient and the guardian "
                              f"(经患者及监护人同意); missing: {', '.join(missing)}",
                              field="consents")
    for i, consent in enumerate(c.consents):
        _not_future(consent.given_on, f"consents.{i}.given_on", ctx)
    _not_future(c.assessed_on, "assessed_on", ctx)
    _county_today(c.residence_region, "residence_region", ctx)
    person = _person(c.person, ctx)
    registered = ctx.today
    return [ev.MedicalAssessmentUploaded(
        case_id=case_id, person=person, person_key=person_key,
        residence_region=c.residence_region, referring_org_id=ctx.actor.org_id,
        assessment_kind=c.assessment_kind, assessed_on=c.assessed_on, diagnosis=c.diagnosis,
        risk_level=c.risk_level, recommendation=c.recommendation, consents=c.consents,
        registered_at=ctx.now,
        review_due_on=ctx.calendar.add_working_days(c.assessed_on, ctx.rules.review_working_days),
        dispatch_due_on=ctx.calendar.add_working_days(registered, ctx.rules.dispatch_working_days),
    )]


def submit_application(case_id: str, person_key: str, c: cmd.SubmitApplication,
                       ctx: Context) -> list[ev.CaseEvent]:
    check("submit_application", ctx.guard(Case(case_id)))
    _not_future(c.applied_on, "applied_on", ctx)
    for i, consent in enumerate(c.consents):
        _not_future(consent.given_on, f"consents.{i}.given_on", ctx)
    _county_today(c.residence_region, "residence_region", ctx)
    return [ev.ApplicationSubmitted(
        case_id=case_id, channel=c.channel, reporter_kind=c.reporter_kind,
        reporter_name=c.reporter_name, person=_person(c.person, ctx), person_key=person_key,
        residence_region=c.residence_region, needs=c.needs, applied_on=c.applied_on,
        submitted_by_org_id=ctx.actor.org_id, consents=c.consents,
        review_due_on=ctx.calendar.add_working_days(c.applied_on, ctx.rules.review_working_days),
    )]


def review(case: Case, c: cmd.Review, ctx: Context) -> list[ev.CaseEvent]:
    if not c.approved:
        check("reject", ctx.guard(case))
        return [ev.ApplicationRejected(case_id=case.case_id, needs_assessment=c.needs_assessment,
                                       reason=c.reason or "")]
    check("approve", ctx.guard(case))
    return [ev.ApplicationApproved(
        case_id=case.case_id, needs_assessment=c.needs_assessment, registered_at=ctx.now,
        dispatch_due_on=ctx.calendar.add_working_days(ctx.today, ctx.rules.dispatch_working_days))]


def reconfirm(case: Case, c: cmd.Reconfirm, ctx: Context) -> list[ev.CaseEvent]:
    if c.willing:
        check("reconfirm_willing", ctx.guard(case))
        return [ev.WillingnessReconfirmed(case_id=case.case_id, situation=c.situation,
                                          reconfirmed_at=ctx.now)]
    check("reconfirm_unwilling", ctx.guard(case))
    return [_closed(case, ctx, CloseReason.WITHDRAWN, unwilling=True, notes=c.situation)]


# --- dispatch and acceptance --------------------------------------------------------------


def dispatch(case: Case, c: cmd.Dispatch, ctx: Context,
             institutions: list[Institution]) -> list[ev.CaseEvent]:
    if case.state == CaseState.RELOCATING:
        return _target_relocation(case, c, ctx, institutions)
    check("dispatch", ctx.guard(case))
    if c.institution_id is not None:
        chosen = _named(c.institution_id, institutions)
        return [ev.CaseDispatched(case_id=case.case_id, institution_id=chosen.institution_id,
                                  institution_name=chosen.name, institution_region=chosen.region,
                                  chosen="named")]
    found = choose_by_residence(case.residence_region or "", institutions)
    if found is None:
        check("waitlist", ctx.guard(case))
        return [ev.CaseWaitlisted(case_id=case.case_id, reason=(
            "no operating, accepting institution with room in the residence county or city"))]
    chosen, scope = found
    return [ev.CaseDispatched(case_id=case.case_id, institution_id=chosen.institution_id,
                              institution_name=chosen.name, institution_region=chosen.region,
                              chosen=scope)]


def _named(institution_id: str, institutions: list[Institution]) -> Institution:
    found = next((i for i in institutions if i.institution_id == institution_id), None)
    if found is None:
        raise InvalidCommand(f"no institution {institution_id!r} in the directory",
                             field="institution_id")
    if not found.has_room:
        raise InvalidCommand(f"institution {institution_id!r} is not operating, not accepting "
                             "or full", field="institution_id")
    return found


def _receiver(institution_id: str, case: Case, to_region: str, field: str,
              institutions: list[Institution]) -> Institution:
    """A named receiving institution: with room, at the new residence, not the sender."""
    chosen = _named(institution_id, institutions)
    if chosen.institution_id == case.institution_id:
        raise InvalidCommand("the receiving institution is the sending one", field=field)
    if city_of(chosen.region) != city_of(to_region):
        raise InvalidCommand(f"the receiving institution is not at the new residence {to_region}",
                             field=field)
    return chosen


def _target_relocation(case: Case, c: cmd.Dispatch, ctx: Context,
                       institutions: list[Institution]) -> list[ev.CaseEvent]:
    check("target_relocation", ctx.guard(case))
    to_region = case.relocation.to_region if case.relocation else ""
    if c.institution_id is not None:
        chosen = _receiver(c.institution_id, case, to_region, "institution_id", institutions)
    else:
        others = [i for i in institutions if i.institution_id != case.institution_id]
        found = choose_by_residence(to_region, others)
        if found is None:
            raise InvalidCommand("no institution with room at the new residence yet",
                                 field="institution_id")
        chosen = found[0]
    return [ev.RelocationTargeted(case_id=case.case_id, target_institution_id=chosen.institution_id,
                                  institution_name=chosen.name, institution_region=chosen.region)]


def answer_dispatch(case: Case, c: cmd.Acceptance, ctx: Context) -> list[ev.CaseEvent]:
    if case.state == CaseState.RELOCATING:
        return _answer_relocation(case, c, ctx)
    if c.accepted:
        check("accept", ctx.guard(case))
        return [ev.CaseAccepted(case_id=case.case_id, institution_id=ctx.actor.org_id)]
    check("decline", ctx.guard(case))
    return [ev.CaseDeclined(case_id=case.case_id, institution_id=ctx.actor.org_id,
                            reason=c.reason or "")]


def _answer_relocation(case: Case, c: cmd.Acceptance, ctx: Context) -> list[ev.CaseEvent]:
    relocation = case.relocation
    assert relocation is not None  # RELOCATING always carries its push
    if c.accepted:
        check("accept_relocation", ctx.guard(case))
        return [ev.RelocationAccepted(case_id=case.case_id,
                                      from_institution_id=relocation.from_institution_id,
                                      institution_id=ctx.actor.org_id,
                                      new_residence_region=relocation.to_region)]
    check("decline_relocation", ctx.guard(case))
    return [ev.RelocationDeclined(case_id=case.case_id,
                                  from_institution_id=relocation.from_institution_id,
                                  institution_id=ctx.actor.org_id, reason=c.reason or "")]


# --- in the institution ---------------------------------------------------------------------


def evaluate(case: Case, c: cmd.Evaluation, ctx: Context) -> list[ev.CaseEvent]:
    check("evaluate_suitable" if c.suitable else "evaluate_unsuitable", ctx.guard(case))
    _not_future(c.evaluated_on, "evaluated_on", ctx)
    professions = {m.profession for m in c.team} & _EVALUATION_PROFESSIONS
    if len(professions) < 2 or not professions & {Profession.PSYCHIATRIST, Profession.SOCIAL_WORKER}:
        raise InvalidCommand("the team must name at least two of psychiatrist, nurse, "
                             "rehabilitation therapist and social worker, one of them a "
                             "psychiatrist or a social worker", field="team")
    if c.suitable and not c.plan:
        raise InvalidCommand("a suitable evaluation needs the rehabilitation plan", field="plan")
    evaluated = ev.EvaluationCompleted(
        case_id=case.case_id, institution_id=ctx.actor.org_id, evaluated_on=c.evaluated_on,
        team=c.team, suitable=c.suitable, opinion=c.opinion, plan=c.plan, risk_level=c.risk_level)
    if c.suitable:
        return [evaluated]
    return [evaluated, _closed(case, ctx, CloseReason.UNSUITABLE, notes=c.opinion)]


def sign_agreement(case: Case, c: cmd.Agreement, ctx: Context) -> list[ev.CaseEvent]:
    check("sign_agreement", ctx.guard(case))
    _not_future(c.signed_on, "signed_on", ctx)
    if not c.informed_consent:
        raise ConsentRequired("the informed consent (知情同意书) must be signed before services",
                              field="informed_consent")
    if not c.service_agreement:
        raise AgreementRequired("the service agreement (服务协议) must be signed before services",
                                field="service_agreement")
    if (case.person or {}).get("guardian") and not c.signed_by_guardian:
        raise ConsentRequired("the guardian must sign with the person", field="signed_by_guardian")
    return [ev.AgreementSigned(
        case_id=case.case_id, institution_id=ctx.actor.org_id, signed_on=c.signed_on,
        informed_consent=True, service_agreement=True, electronic=c.electronic,
        signed_by_guardian=c.signed_by_guardian, document_ref=c.document_ref,
        reassessment_due_on=add_months(c.signed_on, ctx.rules.reassessment_interval_months))]


def record_service(case: Case, c: cmd.ServiceRecord, ctx: Context) -> list[ev.CaseEvent]:
    check("record_service", ctx.guard(case))
    if c.started_at.tzinfo is None:
        raise InvalidCommand("started_at needs a UTC offset (RFC 3339)", field="started_at")
    if c.started_at > ctx.now:
        raise InvalidCommand("started_at is in the future", field="started_at")
    return [ev.ServiceRecorded(
        case_id=case.case_id, institution_id=ctx.actor.org_id, service_type=c.service_type,
        form=c.form, method=c.method, started_at=c.started_at,
        duration_minutes=c.duration_minutes, staff=c.staff, notes=c.notes)]


def reassess(case: Case, c: cmd.Reassessment, ctx: Context) -> list[ev.CaseEvent]:
    check("reassess", ctx.guard(case))
    _not_future(c.assessed_on, "assessed_on", ctx)
    return [ev.ReassessmentRecorded(
        case_id=case.case_id, institution_id=ctx.actor.org_id, **c.model_dump(),
        next_due_on=add_months(c.assessed_on, ctx.rules.reassessment_interval_months))]


# --- moves, relapses, exits -------------------------------------------------------------------


def push_relocation(case: Case, c: cmd.Relocation, ctx: Context,
                    institutions: list[Institution]) -> list[ev.CaseEvent]:
    check("push_relocation", ctx.guard(case))
    _county_today(c.to_region, "to_region", ctx)
    if c.to_region == case.residence_region:
        raise InvalidCommand("the new residence is the current one", field="to_region")
    target = None
    if c.target_institution_id is not None:
        target = _receiver(c.target_institution_id, case, c.to_region, "target_institution_id",
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
    _not_future(c.discharged_on, "discharged_on", ctx)
    return [ev.ReturnedFromHospital(case_id=case.case_id, discharged_on=c.discharged_on,
                                    notes=c.notes)]


def exit_case(case: Case, c: cmd.Exit, ctx: Context) -> list[ev.CaseEvent]:
    check("exit", ctx.guard(case))
    recommended = case.last_reassessment.exit_destination if case.last_reassessment else None
    if c.destination != recommended:
        raise InvalidCommand(f"the last post-referral assessment recommends {recommended}",
                             field="destination")
    return [_closed(case, ctx, CloseReason.EXITED, exit_destination=c.destination, notes=c.notes)]


def withdraw(case: Case, c: cmd.Withdrawal, ctx: Context) -> list[ev.CaseEvent]:
    check("withdraw", ctx.guard(case))
    if c.unwilling and c.reason.value != CloseReason.WITHDRAWN.value:
        raise InvalidCommand("unwilling goes with reason withdrawn", field="unwilling")
    return [_closed(case, ctx, CloseReason(c.reason.value), unwilling=c.unwilling, notes=c.notes)]


def record_follow_up(case: Case, c: cmd.FollowUp, ctx: Context) -> list[ev.CaseEvent]:
    check("record_follow_up", ctx.guard(case))
    _not_future(c.visited_on, "visited_on", ctx)
    if case.closed_at and c.visited_on < china_date(case.closed_at):
        raise InvalidCommand("a follow-up comes after the closing", field="visited_on")
    return [ev.FollowUpRecorded(case_id=case.case_id, visited_on=c.visited_on,
                                outcome=c.outcome)]


def _closed(case: Case, ctx: Context, reason: CloseReason, *, unwilling: bool = False,
            exit_destination=None, notes: str | None = None) -> ev.CaseClosed:  # noqa: ANN001
    return ev.CaseClosed(
        case_id=case.case_id, reason=reason, exit_destination=exit_destination,
        unwilling=unwilling, notes=notes, closed_at=ctx.now,
        follow_up_due_on=add_months(ctx.today, ctx.rules.follow_up_within_months))


def change_consent(case: Case, c: cmd.ConsentChange, ctx: Context) -> list[ev.CaseEvent]:
    """单独同意 given or withdrawn (PIPL art. 29); a withdrawal stops further sharing."""
    _not_future(c.on, "on", ctx)
    if not c.withdrawn:
        check("give_consent", ctx.guard(case))
        return [ev.ConsentRecorded(case_id=case.case_id, purpose=c.purpose, given_by=c.given_by,
                                   given_on=c.on)]
    check("withdraw_consent", ctx.guard(case))
    if (c.purpose, c.given_by.value) not in case.consents:
        raise InvalidCommand(f"no {c.purpose.value} consent of the {c.given_by.value} to "
                             "withdraw", field="purpose")
    return [ev.ConsentWithdrawn(case_id=case.case_id, purpose=c.purpose,
                                withdrawn_by=c.given_by, withdrawn_on=c.on)]
