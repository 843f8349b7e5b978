"""One test per refusal that no other domain test guards: given a case, when a command, then
exactly this error on exactly this field (tools/mutate_raises.py finds the unguarded ones)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

import pytest
from pydantic import ValidationError

from jingkang.referral.domain import commands as cmd
from jingkang.referral.domain import decide
from jingkang.referral.domain.errors import AgreementRequired, ConsentRequired, InvalidCommand
from jingkang.referral.domain.vocabulary import (
    Channel, CloseReason, ConsentGiver, ConsentPurpose, ReporterKind, WithdrawalReason,
)

from .domain_support import (
    DIRECTORY, HOSPITAL, INSTITUTION, NOW, OTHER_CITY, PLATFORM, RESIDENCE, SOCIAL_WORKER, Story, agreement,
    context, evaluation, person, reassessment, service, upload,
)


def _refused(error: type, field: str, call) -> None:  # noqa: ANN001
    with pytest.raises(error) as caught:
        call()
    assert type(caught.value) is error
    assert caught.value.code == error.code
    assert caught.value.field == field


def _evaluated(story: Story | None = None) -> Story:
    story = story or Story().uploaded()
    story.apply(decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY))
    story.apply(decide.answer_dispatch(story.case, cmd.Acceptance(accepted=True),
                                       context(INSTITUTION)))
    return story.apply(decide.evaluate(story.case, evaluation(), context(INSTITUTION)))


def _sign(**changes) -> None:  # noqa: ANN003
    story = _evaluated()
    decide.sign_agreement(story.case, agreement().model_copy(update=changes), context(INSTITUTION))


def test_services_need_the_informed_consent() -> None:
    _refused(ConsentRequired, "informed_consent", lambda: _sign(informed_consent=False))


def test_services_need_the_service_agreement() -> None:
    _refused(AgreementRequired, "service_agreement", lambda: _sign(service_agreement=False))


def test_a_person_with_a_guardian_needs_the_guardian_to_sign() -> None:
    _refused(ConsentRequired, "signed_by_guardian", lambda: _sign(signed_by_guardian=False))


def test_a_person_without_a_guardian_signs_alone() -> None:
    story = Story().apply(decide.upload_medical_assessment(
        "case-1", "pk-1", upload(person=person(guardian=None)), context(HOSPITAL)))
    _evaluated(story)
    lone = agreement().model_copy(update={"signed_by_guardian": False})
    assert decide.sign_agreement(story.case, lone, context(INSTITUTION))


def test_dispatch_to_an_institution_missing_from_the_directory_is_refused() -> None:
    story = Story().uploaded()
    _refused(InvalidCommand, "institution_id", lambda: decide.dispatch(
        story.case, cmd.Dispatch(institution_id="inst-nowhere"), context(PLATFORM), DIRECTORY))


def test_dispatch_to_an_institution_not_accepting_is_refused() -> None:
    story = Story().uploaded()
    closed = [replace(i, accepting=False) if i.institution_id == "inst-city" else i
              for i in DIRECTORY]
    _refused(InvalidCommand, "institution_id", lambda: decide.dispatch(
        story.case, cmd.Dispatch(institution_id="inst-city"), context(PLATFORM), closed))


def _relocating() -> Story:
    story = Story().in_service()
    return story.apply(decide.push_relocation(
        story.case, cmd.Relocation(to_region=OTHER_CITY, reason="搬家"), context(INSTITUTION),
        DIRECTORY))


def test_relocation_targeting_without_room_at_the_new_residence_is_refused() -> None:
    story = _relocating()
    only_senders = [i for i in DIRECTORY if i.institution_id != "inst-other-city"]
    _refused(InvalidCommand, "institution_id", lambda: decide.dispatch(
        story.case, cmd.Dispatch(), context(PLATFORM), only_senders))


def test_a_suitable_evaluation_needs_the_plan() -> None:
    story = Story().uploaded()
    story.apply(decide.dispatch(story.case, cmd.Dispatch(), context(PLATFORM), DIRECTORY))
    story.apply(decide.answer_dispatch(story.case, cmd.Acceptance(accepted=True),
                                       context(INSTITUTION)))
    no_plan = evaluation().model_copy(update={"plan": None})
    _refused(InvalidCommand, "plan", lambda: decide.evaluate(story.case, no_plan,
                                                             context(INSTITUTION)))


def test_a_service_cannot_start_in_the_future() -> None:
    story = Story().in_service()
    later = service().model_copy(update={"started_at": NOW + timedelta(minutes=1)})
    _refused(InvalidCommand, "started_at", lambda: decide.record_service(
        story.case, later, context(INSTITUTION)))


def test_a_service_start_needs_an_offset() -> None:
    story = Story().in_service()
    naive = service().model_copy(update={"started_at": (NOW - timedelta(hours=1)).replace(
        tzinfo=None)})
    _refused(InvalidCommand, "started_at", lambda: decide.record_service(
        story.case, naive, context(INSTITUTION)))


def test_a_relocation_to_the_current_residence_is_refused() -> None:
    story = Story().in_service()
    _refused(InvalidCommand, "to_region", lambda: decide.push_relocation(
        story.case, cmd.Relocation(to_region=RESIDENCE, reason="搬家"), context(INSTITUTION),
        DIRECTORY))


def test_unwilling_goes_with_withdrawal_only() -> None:
    story = Story().in_service()
    _refused(InvalidCommand, "unwilling", lambda: decide.withdraw(
        story.case, cmd.Withdrawal(reason=WithdrawalReason.DECEASED, unwilling=True),
        context(INSTITUTION)))


def test_a_follow_up_comes_after_the_closing() -> None:
    story = Story().in_service()
    story.apply(decide.withdraw(story.case, cmd.Withdrawal(reason=WithdrawalReason.WITHDRAWN),
                                context(INSTITUTION)))
    assert story.events[-1].reason == CloseReason.WITHDRAWN
    before = NOW.date() - timedelta(days=1)
    _refused(InvalidCommand, "visited_on", lambda: decide.record_follow_up(
        story.case, cmd.FollowUp(visited_on=before, outcome="好"), context(SOCIAL_WORKER)))


# --- command shapes: each validator names the field it refuses ----------------------------


def _invalid(model: type, message: str, **values) -> None:  # noqa: ANN003
    with pytest.raises(ValidationError) as caught:
        model(**values)
    assert message in str(caught.value)


def _application(**overrides) -> dict:  # noqa: ANN003
    return {"channel": Channel.SELF, "person": person(), "residence_region": RESIDENCE,
            "needs": "日间照料", "applied_on": NOW.date(), **overrides}


def test_medical_referrals_are_not_applications() -> None:
    _invalid(cmd.SubmitApplication, "channel: medical referrals are uploaded by hospitals",
             **_application(channel=Channel.MEDICAL))


def test_a_reporter_kind_goes_with_a_third_party_report_only() -> None:
    _invalid(cmd.SubmitApplication, "reporter_kind: required for third_party",
             **_application(channel=Channel.THIRD_PARTY))
    _invalid(cmd.SubmitApplication, "reporter_kind: required for third_party",
             **_application(reporter_kind=ReporterKind.INDIVIDUAL))
    assert cmd.SubmitApplication(**_application(channel=Channel.THIRD_PARTY,
                                                reporter_kind=ReporterKind.INDIVIDUAL))


def test_a_rejection_needs_its_reason() -> None:
    _invalid(cmd.Review, "reason: required when the application is rejected",
             approved=False, needs_assessment="无")


def test_a_decline_needs_its_reason() -> None:
    _invalid(cmd.Acceptance, "reason: required when declining", accepted=False)


def test_an_exit_destination_goes_with_a_recommended_exit_only() -> None:
    values = reassessment().model_dump()
    _invalid(cmd.Reassessment, "exit_destination: required when recommending exit",
             **{**values, "exit_destination": None})
    _invalid(cmd.Reassessment, "exit_destination: required when recommending exit",
             **{**values, "recommend_exit": False})


def test_only_a_consent_on_record_can_be_withdrawn() -> None:
    story = Story().in_service()
    withdrawal = cmd.ConsentChange(purpose=ConsentPurpose.RELOCATION, given_by=ConsentGiver.GUARDIAN,
                                   on=NOW.date(), withdrawn=True)
    story.apply(decide.change_consent(story.case, withdrawal, context(INSTITUTION)))
    _refused(InvalidCommand, "purpose", lambda: decide.change_consent(
        story.case, withdrawal, context(INSTITUTION)))
