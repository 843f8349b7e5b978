"""Given a case, when a command, then events or a refusal (DOMAIN.md paths)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from jingkang.referral.domain import commands as cmd
from jingkang.referral.domain import decide
from jingkang.referral.domain import events as ev
from jingkang.referral.domain.errors import (
    ConsentRequired, ExitNotRecommended, InvalidCommand, NotCaseInstitution,
    ReconfirmationRequired,
)
from jingkang.referral.domain.institutions import Institution
from jingkang.referral.domain.vocabulary import (
    CaseState, CloseReason, ConsentGiver, ConsentPurpose, ExitDestination, WithdrawalReason,
)

from .domain_support import (
    DIRECTORY, HOSPITAL, INSTITUTION, NOW, OTHER_INSTITUTION, PLATFORM, RESIDENCE, SOCIAL_WORKER,
    Story, context, evaluation, person, reassessment, service, upload,
)


def test_upload_registers_at_once_with_deadlines_on_working_days() -> None:
    story = Story().uploaded()
    (uploaded,) = story.events
    assert isinstance(uploaded, ev.MedicalAssessmentUploaded)
    assert story.case.state == CaseState.REGISTERED
    assert uploaded.dispatch_due_on == date(2026, 11, 9)  # Mon + 5 working days
    assert uploaded.review_due_on == date(2026, 11, 6)  # Fri 30 Oct + 5 working days


def test_upload_without_guardian_consent_is_refused() -> None:
    only_patient = upload(consents=[cmd.Consent(purpose=ConsentPurpose.REFERRAL_UPLOAD,
                                                given_by=ConsentGiver.PATIENT,
                                                given_on=date(2026, 10, 30))])
    with pytest.raises(ConsentRequired, match="guardian"):
        decide.upload_medical_assessment("c", "pk", only_patient, decide.Context(
            **{**context(HOSPITAL).__dict__}))


@pytest.mark.parametrize("field,bad", [
    ("person.id_number", {"person": person(id_number="110105194912310021")}),  # check digit
    ("person.id_number", {"person": person(id_number="110105194913310020")}),  # month 13
    ("residence_region", {"residence_region": "130100"}),  # a city, not a county
    ("residence_region", {"residence_region": "999999"}),
    ("assessed_on", {"assessed_on": NOW.date() + timedelta(days=1)}),
])
def test_bad_fields_are_named(field: str, bad: dict) -> None:
    with pytest.raises(InvalidCommand) as refused:
        decide.upload_medical_assessment("c", "pk", upload(**bad), context(HOSPITAL))
    assert refused.value.field == field


def test_dispatch_prefers_the_county_then_the_city_least_occupied_first() -> None:
    story = Story().uploaded()
    (dispatched,) = decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY)
    assert (dispatched.institution_id, dispatched.chosen) == ("inst-county", "county")
    full_county = [replace(i, active_cases=i.capacity) if i.region == RESIDENCE else i
                   for i in DIRECTORY]
    (dispatched,) = decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), full_county)
    assert (dispatched.institution_id, dispatched.chosen) == ("inst-city", "city")
    nothing = [replace(i, accepting=False) for i in DIRECTORY]
    (waitlisted,) = decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), nothing)
    assert isinstance(waitlisted, ev.CaseWaitlisted)


def test_ties_go_to_the_least_occupied() -> None:
    story = Story().uploaded()
    two = [Institution("a", "A", RESIDENCE, True, True, 10, 5),
           Institution("b", "B", RESIDENCE, True, True, 20, 5)]
    (dispatched,) = decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), two)
    assert dispatched.institution_id == "b"


def test_dispatch_after_three_months_needs_a_reconfirmation() -> None:
    story = Story().uploaded()
    later = NOW + timedelta(days=93)
    with pytest.raises(ReconfirmationRequired):
        decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM, later), DIRECTORY)
    story.apply(decide.reconfirm(story.case, cmd.Reconfirm(willing=True, situation="仍愿意"),
                                 context(SOCIAL_WORKER, later)))
    (dispatched,) = decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM, later), DIRECTORY)
    assert isinstance(dispatched, ev.CaseDispatched)


def test_only_the_dispatched_institution_may_accept() -> None:
    story = Story().uploaded()
    story.apply(decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY))
    with pytest.raises(NotCaseInstitution):
        decide.answer_dispatch(story.case, cmd.Acceptance(accepted=True),
                               context(OTHER_INSTITUTION))


def test_a_decline_sends_the_case_back_for_dispatch() -> None:
    story = Story().uploaded()
    story.apply(decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY))
    story.apply(decide.answer_dispatch(story.case, cmd.Acceptance(accepted=False, reason="满员"),
                                       context(INSTITUTION)))
    assert story.case.state == CaseState.REGISTERED and story.case.institution_id is None


def test_the_team_rule_and_unsuitable_closing() -> None:
    story = Story().uploaded()
    story.apply(decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY))
    story.apply(decide.answer_dispatch(story.case, cmd.Acceptance(accepted=True),
                                       context(INSTITUTION)))
    nurses_only = evaluation().model_copy(update={"team": [
        cmd.TeamMember(name="a", profession="nurse"), cmd.TeamMember(name="b", profession="nurse")]})
    with pytest.raises(InvalidCommand, match="two of"):
        decide.evaluate(story.case, nurses_only, context(INSTITUTION))
    story.apply(decide.evaluate(story.case, evaluation(suitable=False), context(INSTITUTION)))
    assert (story.case.state, story.case.close_reason) == (CaseState.CLOSED, CloseReason.UNSUITABLE)


def test_exit_needs_a_reassessment_recommending_that_destination() -> None:
    story = Story().in_service()
    story.apply(decide.record_service(story.case, service(), context(INSTITUTION)))
    exit_home = cmd.Exit(destination=ExitDestination.HOME)
    with pytest.raises(ExitNotRecommended):
        decide.exit_case(story.case, exit_home, context(INSTITUTION))
    story.apply(decide.reassess(story.case, reassessment(), context(INSTITUTION)))
    with pytest.raises(InvalidCommand, match="employment"):
        decide.exit_case(story.case, exit_home, context(INSTITUTION))
    story.apply(decide.exit_case(story.case, cmd.Exit(destination=ExitDestination.EMPLOYMENT),
                                 context(INSTITUTION)))
    assert (story.case.state, story.case.exit_destination) == (CaseState.CLOSED,
                                                               ExitDestination.EMPLOYMENT)


def test_relocation_moves_residence_and_owner_on_acceptance() -> None:
    story = Story().in_service()
    story.apply(decide.push_relocation(story.case, cmd.Relocation(to_region="130202", reason="搬家"),
                                       context(INSTITUTION), DIRECTORY))
    assert story.case.state == CaseState.RELOCATING
    story.apply(decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY))
    assert story.case.relocation.target_institution_id == "inst-other-city"
    with pytest.raises(NotCaseInstitution):
        decide.record_service(story.case, service(), context(OTHER_INSTITUTION))
    story.apply(decide.answer_dispatch(story.case, cmd.Acceptance(accepted=True),
                                       context(OTHER_INSTITUTION)))
    case = story.case
    assert (case.state, case.institution_id, case.residence_region) == (
        CaseState.ACCEPTED, "inst-other-city", "130202")


def test_relapse_and_return() -> None:
    story = Story().in_service()
    story.apply(decide.refer_relapse(story.case, cmd.Relapse(hospital_org_id="hosp-1", risk_level=4,
                                                            reason="复发"), context(INSTITUTION)))
    assert (story.case.state, story.case.risk_level) == (CaseState.HOSPITALIZED, 4)
    story.apply(decide.return_from_hospital(story.case, cmd.HospitalReturn(
        discharged_on=NOW.date()), context(HOSPITAL)))
    assert story.case.state == CaseState.IN_SERVICE


def test_withdrawal_and_follow_up() -> None:
    story = Story().in_service()
    story.apply(decide.withdraw(story.case, cmd.Withdrawal(reason=WithdrawalReason.LOST_CONTACT),
                                context(INSTITUTION)))
    assert story.case.close_reason == CloseReason.LOST_CONTACT
    story.apply(decide.record_follow_up(story.case, cmd.FollowUp(visited_on=NOW.date(),
                                                                 outcome="已失联"),
                                        context(SOCIAL_WORKER)))
    assert story.case.follow_ups == 1


def test_unwilling_after_a_long_wait_closes_as_withdrawn() -> None:
    story = Story().uploaded()
    story.apply(decide.reconfirm(story.case, cmd.Reconfirm(willing=False, situation="不愿参加"),
                                 context(SOCIAL_WORKER)))
    assert (story.case.close_reason, story.case.unwilling) == (CloseReason.WITHDRAWN, True)


def test_a_relocation_target_must_be_at_the_new_residence_and_not_the_sender() -> None:
    story = Story().in_service()
    far_target = cmd.Relocation(to_region="130202", target_institution_id="inst-city", reason="x")
    with pytest.raises(InvalidCommand, match="new residence") as refused:
        decide.push_relocation(story.case, far_target, context(INSTITUTION), DIRECTORY)
    assert refused.value.field == "target_institution_id"
    to_self = cmd.Relocation(to_region="130104", target_institution_id="inst-county", reason="x")
    with pytest.raises(InvalidCommand, match="sending"):
        decide.push_relocation(story.case, to_self, context(INSTITUTION), DIRECTORY)
    # Targeting by residence never offers the case back to its sender.
    story.apply(decide.push_relocation(story.case, cmd.Relocation(to_region="130105", reason="x"),
                                       context(INSTITUTION), DIRECTORY))
    (targeted,) = decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY)
    assert targeted.target_institution_id == "inst-city"
