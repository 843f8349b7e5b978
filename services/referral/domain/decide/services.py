"""In the institution: evaluation, agreements, services and reassessments."""

from __future__ import annotations

from typing import Any

from .. import commands as cmd
from .. import events as ev
from ..case import Case
from ..errors import AgreementRequired, ConsentRequired, InvalidCommand
from ..lifecycle import check
from ..rules import add_months
from ..values import OUTCOME_FIELDS
from ..vocabulary import CloseReason, Profession
from .context import Context, closed, not_future, team

_EVALUATION_PROFESSIONS = {Profession.PSYCHIATRIST, Profession.NURSE,
                           Profession.REHABILITATION_THERAPIST, Profession.SOCIAL_WORKER}

def evaluate(case: Case, c: cmd.Evaluation, ctx: Context) -> list[ev.CaseEvent]:
    check("evaluate_suitable" if c.suitable else "evaluate_unsuitable", ctx.guard(case))
    not_future(c.evaluated_on, "evaluated_on", ctx)
    professions = {m.profession for m in c.team} & _EVALUATION_PROFESSIONS
    if len(professions) < 2 or not professions & {Profession.PSYCHIATRIST, Profession.SOCIAL_WORKER}:
        raise InvalidCommand("the team must name at least two of psychiatrist, nurse, "
                             "rehabilitation therapist and social worker, one of them a "
                             "psychiatrist or a social worker", field="team",
                             zh="评估团队至少两人（精神科医生、护士、康复师、社会工作者），"
                                "其中须有精神科医生或社会工作者")
    if c.suitable and not c.plan:
        raise InvalidCommand("a suitable evaluation needs the rehabilitation plan", field="plan",
                             zh="评估为适宜社区康复时须填写康复计划")
    evaluated = ev.EvaluationCompleted(
        case_id=case.case_id, institution_id=ctx.actor.org_id, evaluated_on=c.evaluated_on,
        team=team(c.team), suitable=c.suitable, opinion=c.opinion, plan=c.plan,
        risk_level=c.risk_level, **measures(c))
    if c.suitable:
        return [evaluated]
    return [evaluated, closed(case, ctx, CloseReason.UNSUITABLE, notes=c.opinion)]


def sign_agreement(case: Case, c: cmd.Agreement, ctx: Context) -> list[ev.CaseEvent]:
    check("sign_agreement", ctx.guard(case))
    not_future(c.signed_on, "signed_on", ctx)
    if not c.informed_consent:
        raise ConsentRequired("the informed consent (知情同意书) must be signed before services",
                              field="informed_consent", zh="提供服务前须签订知情同意书")
    if not c.service_agreement:
        raise AgreementRequired("the service agreement (服务协议) must be signed before services",
                                field="service_agreement", zh="提供服务前须签订服务协议")
    if (case.person or {}).get("guardian") and not c.signed_by_guardian:
        raise ConsentRequired("the guardian must sign with the person", field="signed_by_guardian",
                              zh="有监护人的，须由监护人与本人共同签订")
    return [ev.AgreementSigned(
        case_id=case.case_id, institution_id=ctx.actor.org_id, signed_on=c.signed_on,
        informed_consent=True, service_agreement=True, electronic=c.electronic,
        signed_by_guardian=c.signed_by_guardian, document_ref=c.document_ref,
        reassessment_due_on=add_months(c.signed_on, ctx.rules.reassessment_interval_months))]


def record_service(case: Case, c: cmd.ServiceRecord, ctx: Context) -> list[ev.CaseEvent]:
    check("record_service", ctx.guard(case))
    if c.started_at.tzinfo is None:
        raise InvalidCommand("started_at needs a UTC offset (RFC 3339)", field="started_at",
                             zh="开始时间须带时区（如 2026-12-04T09:30:00+08:00）")
    if c.started_at > ctx.now:
        raise InvalidCommand("started_at is in the future", field="started_at",
                             zh="开始时间不能晚于现在")
    return [ev.ServiceRecorded(
        case_id=case.case_id, institution_id=ctx.actor.org_id, service_type=c.service_type,
        form=c.form, method=c.method, started_at=c.started_at,
        duration_minutes=c.duration_minutes, staff=c.staff, notes=c.notes)]


def reassess(case: Case, c: cmd.Reassessment, ctx: Context) -> list[ev.CaseEvent]:
    check("reassess", ctx.guard(case))
    not_future(c.assessed_on, "assessed_on", ctx)
    return [ev.ReassessmentRecorded(
        case_id=case.case_id, institution_id=ctx.actor.org_id, assessed_on=c.assessed_on,
        rehabilitation_effect=c.rehabilitation_effect, disease_state=c.disease_state,
        self_care=c.self_care, employment_willingness=c.employment_willingness,
        employment_ability=c.employment_ability, risk_level=c.risk_level,
        recommend_exit=c.recommend_exit, exit_destination=c.exit_destination,
        next_due_on=add_months(c.assessed_on, ctx.rules.reassessment_interval_months),
        **measures(c))]


def measures(c: cmd.Evaluation | cmd.Reassessment) -> dict[str, Any]:
    """The structured outcome measures the command carries, as the event stores them."""
    return {name: getattr(c, name) for name in OUTCOME_FIELDS}
