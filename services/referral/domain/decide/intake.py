"""Ways in: an uploaded medical assessment, an application, its review and the reconfirmation."""

from __future__ import annotations

from .. import commands as cmd
from .. import events as ev
from ..case import Case
from ..errors import ConsentRequired
from ..lifecycle import check
from ..vocabulary import CloseReason, ConsentGiver, ConsentPurpose
from .context import Context, closed, consents, county_today, not_future, validated_person

def upload_medical_assessment(case_id: str, person_key: str, c: cmd.UploadMedicalAssessment,
                              ctx: Context) -> list[ev.CaseEvent]:
    check("upload_assessment", ctx.guard(Case(case_id)))
    givers = {x.given_by for x in c.consents if x.purpose == ConsentPurpose.REFERRAL_UPLOAD}
    if givers != {ConsentGiver.PATIENT, ConsentGiver.GUARDIAN}:
        missing = sorted({ConsentGiver.PATIENT.value, ConsentGiver.GUARDIAN.value}
                         - {g.value for g in givers})
        raise ConsentRequired("the upload needs the consent of the patient and the guardian "
                              f"(经患者及监护人同意); missing: {', '.join(missing)}",
                              field="consents", zh="须经患者本人及监护人同意后方可上传")
    for i, consent in enumerate(c.consents):
        not_future(consent.given_on, f"consents.{i}.given_on", ctx)
    not_future(c.assessed_on, "assessed_on", ctx)
    county_today(c.residence_region, "residence_region", ctx)
    person = validated_person(c.person, ctx)
    registered = ctx.today
    return [ev.MedicalAssessmentUploaded(
        case_id=case_id, person=person, person_key=person_key,
        residence_region=c.residence_region, referring_org_id=ctx.actor.org_id,
        assessment_kind=c.assessment_kind, assessed_on=c.assessed_on, diagnosis=c.diagnosis,
        risk_level=c.risk_level, recommendation=c.recommendation, consents=consents(c.consents),
        registered_at=ctx.now,
        review_due_on=ctx.calendar.add_working_days(c.assessed_on, ctx.rules.review_working_days),
        dispatch_due_on=ctx.calendar.add_working_days(registered, ctx.rules.dispatch_working_days),
    )]


def submit_application(case_id: str, person_key: str, c: cmd.SubmitApplication,
                       ctx: Context) -> list[ev.CaseEvent]:
    check("submit_application", ctx.guard(Case(case_id)))
    not_future(c.applied_on, "applied_on", ctx)
    for i, consent in enumerate(c.consents):
        not_future(consent.given_on, f"consents.{i}.given_on", ctx)
    county_today(c.residence_region, "residence_region", ctx)
    return [ev.ApplicationSubmitted(
        case_id=case_id, channel=c.channel, reporter_kind=c.reporter_kind,
        reporter_name=c.reporter_name, person=validated_person(c.person, ctx), person_key=person_key,
        residence_region=c.residence_region, needs=c.needs, applied_on=c.applied_on,
        submitted_by_org_id=ctx.actor.org_id, consents=consents(c.consents),
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
    return [closed(case, ctx, CloseReason.WITHDRAWN, unwilling=True, notes=c.situation)]
