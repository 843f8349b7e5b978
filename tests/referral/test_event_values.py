"""Events keep their values in their own models, stored as JSON in the same shape as ever."""

from __future__ import annotations

import json
from datetime import date

from jingkang.referral.domain import commands as cmd
from jingkang.referral.domain import decide
from jingkang.referral.domain import events as ev
from jingkang.referral.domain import values
from jingkang.referral.domain.privacy import ERASED, ERASED_PERSON, erased_value
from jingkang.referral.domain.vocabulary import Channel, ConsentGiver, ConsentPurpose, ReporterKind

from .domain_support import (
    HOSPITAL, INSTITUTION, RESIDENCE, SOCIAL_WORKER, Story, context, person, reassessment,
    service, upload,
)


def _stored(event: ev.CaseEvent) -> str:
    text = json.dumps(event.model_dump(mode="json"), ensure_ascii=False)
    again = ev.EVENT_TYPES[event.type].model_validate(json.loads(text))
    assert again == event
    return text


def _story() -> Story:
    story = Story().in_service()
    story.apply(decide.record_service(story.case, service(), context(INSTITUTION)))
    return story.apply(decide.reassess(story.case, reassessment(), context(INSTITUTION)))


def test_an_upload_is_stored_as_before() -> None:
    uploaded = _story().events[0]
    assert isinstance(uploaded.person, values.Person)
    assert all(isinstance(c, values.Consent) for c in uploaded.consents)
    assert _stored(uploaded) == (
        '{"case_id": "case-1", "person": {"name": "张三", "id_number": "11010519491231002X", '
        '"phone": "13800138000", "address": "长安区某街道1号", "guardian": {"name": "李四", '
        '"relation": "母亲", "phone": null}}, "person_key": "pk-1", "residence_region": "130102", '
        '"referring_org_id": "hosp-1", "assessment_kind": "discharge", '
        '"assessed_on": "2026-10-30", "diagnosis": "精神分裂症", "risk_level": 1, '
        '"recommendation": "建议社区康复", "consents": ['
        '{"purpose": "referral_upload", "given_by": "patient", "given_on": "2026-10-30"}, '
        '{"purpose": "referral_upload", "given_by": "guardian", "given_on": "2026-10-30"}, '
        '{"purpose": "share_with_institution", "given_by": "patient", "given_on": "2026-10-30"}, '
        '{"purpose": "share_with_institution", "given_by": "guardian", "given_on": "2026-10-30"}, '
        '{"purpose": "relocation", "given_by": "patient", "given_on": "2026-10-30"}, '
        '{"purpose": "relocation", "given_by": "guardian", "given_on": "2026-10-30"}], '
        '"registered_at": "2026-11-02T02:00:00Z", "review_due_on": "2026-11-06", '
        '"dispatch_due_on": "2026-11-09"}')


def test_an_evaluation_and_a_reassessment_are_stored_as_before() -> None:
    by_type = {e.type: e for e in _story().events}
    evaluated = by_type["EvaluationCompleted"]
    assert all(isinstance(m, values.TeamMember) for m in evaluated.team)
    assert _stored(evaluated) == (
        '{"case_id": "case-1", "institution_id": "inst-county", "evaluated_on": "2026-11-02", '
        '"team": [{"name": "王医生", "profession": "psychiatrist"}, '
        '{"name": "赵社工", "profession": "social_worker"}], "suitable": true, '
        '"opinion": "适宜社区康复", "plan": "日间训练", "risk_level": 1}')
    assert _stored(by_type["ReassessmentRecorded"]) == (
        '{"case_id": "case-1", "institution_id": "inst-county", "assessed_on": "2026-11-02", '
        '"rehabilitation_effect": "好", "disease_state": "稳定", "self_care": "自理", '
        '"employment_willingness": true, "employment_ability": true, "risk_level": 0, '
        '"recommend_exit": true, "exit_destination": "employment", "next_due_on": "2027-05-02"}')


def test_an_application_is_stored_as_before() -> None:
    application = cmd.SubmitApplication(
        channel=Channel.THIRD_PARTY, reporter_kind=ReporterKind.INDIVIDUAL, reporter_name="王五",
        person=person(guardian=None, phone=None), residence_region=RESIDENCE, needs="需要",
        applied_on=date(2026, 10, 30), consents=[cmd.Consent(
            purpose=ConsentPurpose.RELOCATION, given_by=ConsentGiver.PATIENT,
            given_on=date(2026, 10, 30))])
    (submitted,) = decide.submit_application("case-2", "pk-2", application,
                                             context(SOCIAL_WORKER))
    assert _stored(submitted) == (
        '{"case_id": "case-2", "channel": "third_party", "reporter_kind": "individual", '
        '"reporter_name": "王五", "person": {"name": "张三", "id_number": "11010519491231002X", '
        '"phone": null, "address": "长安区某街道1号", "guardian": null}, "person_key": "pk-2", '
        '"residence_region": "130102", "needs": "需要", "applied_on": "2026-10-30", '
        '"submitted_by_org_id": "sw-org", "review_due_on": "2026-11-06", "consents": '
        '[{"purpose": "relocation", "given_by": "patient", "given_on": "2026-10-30"}]}')


def test_the_identity_number_is_stored_in_its_checked_form() -> None:
    command = upload(person=person(id_number="11010519491231002x"))
    (uploaded,) = decide.upload_medical_assessment("c", "pk", command, context(HOSPITAL))
    assert uploaded.person.id_number == "11010519491231002X"


def test_an_erased_person_still_reads_as_the_events_person() -> None:
    erased = values.Person.model_validate(erased_value("person"))
    assert erased.name == ERASED and erased.model_dump(mode="json") == ERASED_PERSON


def test_outcome_measures_are_stored_where_measured_and_read_back() -> None:
    story = Story().in_service()
    measured = reassessment().model_copy(update={
        "self_care_score": 55, "social_functioning_score": 61,
        "employment_status": values.EmploymentStatus.SUPPORTED_EMPLOYMENT})
    [event] = decide.reassess(story.case, measured, context(INSTITUTION))
    stored = json.loads(_stored(event))
    assert (stored["self_care_score"], stored["social_functioning_score"],
            stored["employment_status"]) == (55, 61, "supported_employment")
    partly = reassessment().model_copy(update={"self_care_score": 0})
    [event] = decide.reassess(story.case, partly, context(INSTITUTION))
    stored = json.loads(_stored(event))
    assert stored["self_care_score"] == 0  # a zero is a score, not an absence
    assert "social_functioning_score" not in stored and "employment_status" not in stored
