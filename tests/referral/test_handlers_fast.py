"""The referral's command handlers over in-memory fakes (tests/referral/fakes.py): what the
application adds to the domain — the shared pipeline's replay, retry and If-Match, scope,
duplicates, holding a room, storing nothing on a refusal — fast, with no database."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from dataclasses import replace
from typing import Any, TypeVar

import pytest

from jingkang.common.application import pipeline
from jingkang.common.application.answers import IdempotencyKeyReused
from jingkang.common.application.request_meta import RequestMeta
from jingkang.common.domain.actor import Actor
from jingkang.referral.adapters.http_answers import HttpAnswers
from jingkang.referral.application.erasure import PersonErasure
from jingkang.referral.application.errors import Busy, CaseNotFound, PreconditionFailed
from jingkang.referral.application.handlers import HANDLERS
from jingkang.referral.domain import commands as cmd
from jingkang.referral.domain.deadlines import pending_deadlines
from jingkang.referral.domain.errors import (
    AlreadyErased, DuplicateCase, InvalidTransition, OpenCase,
)
from jingkang.referral.domain.rules import Rules
from jingkang.referral.entrypoints.routes.commands import CASE_COMMANDS
from jingkang_events import ConcurrencyError, UniqueViolation

from .domain_support import HOSPITAL, INSTITUTION, NOW, PLATFORM, agreement, upload
from .fakes import FakeAnswers, FakeCaseStore, FakeWorld, fake_service

T = TypeVar("T")
OTHER_HOSPITAL = Actor("doc-2", "hospital", "hosp-2", "130100")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def meta(key: str | None = None, if_match: int | None = None,
         request_hash: str = "hash") -> RequestMeta:
    return RequestMeta("req-1", "corr-1", key, request_hash, if_match)


def uploaded(service, **changes: Any) -> dict[str, Any]:
    answer = run(service.upload_medical_assessment(upload(**changes), HOSPITAL, meta()))
    return json.loads(answer.body)


# --- creating a case -------------------------------------------------------------------------

def test_an_upload_answers_201_with_the_cases_location_and_stores_its_events() -> None:
    world = FakeWorld()
    answer = run(fake_service(world).upload_medical_assessment(upload(), HOSPITAL, meta()))
    case_id = json.loads(answer.body)["case_id"]
    assert (answer.status_code, answer.location, answer.version) == (
        201, f"/v1/cases/{case_id}", 1)
    assert json.loads(answer.body)["state"] == "registered"
    assert [type(e).__name__ for e, _ in world.events[case_id]] == ["MedicalAssessmentUploaded"]
    assert world.events[case_id][0][1].actor_id == HOSPITAL.sub


def test_the_row_and_the_answer_get_the_same_deadlines_worked_out_once() -> None:
    world = FakeWorld()
    case_id = uploaded(fake_service(world))["case_id"]
    due = world.rows_due[case_id]
    assert due == pending_deadlines(world.cases[case_id], Rules()) and due  # dispatch is due
    shown = json.loads(run(fake_service(world).handle(
        case_id, cmd.ConsentChange(purpose="relocation", given_by="patient",
                                   on=NOW.date(), withdrawn=True), HOSPITAL, meta())).body)
    assert {q: d["due_on"] for q, d in shown["deadlines"].items()} == {
        q: d.isoformat() for q, d in world.rows_due[case_id].items()}


def test_a_second_open_case_of_the_same_person_is_refused_and_stores_nothing() -> None:
    world = FakeWorld()
    first = uploaded(fake_service(world))["case_id"]
    with pytest.raises(DuplicateCase) as refused:
        uploaded(fake_service(world))
    assert refused.value.extra["case_id"] == first
    assert list(world.cases) == [first]


def test_a_retry_with_the_same_key_gets_the_first_answer_and_creates_nothing() -> None:
    world = FakeWorld()
    service = fake_service(world)
    first = run(service.upload_medical_assessment(upload(), HOSPITAL, meta("k1")))
    again = run(service.upload_medical_assessment(upload(), HOSPITAL, meta("k1")))
    assert again == first and len(world.cases) == 1


def test_a_key_used_with_another_request_is_refused() -> None:
    service = fake_service()
    run(service.upload_medical_assessment(upload(), HOSPITAL, meta("k1")))
    with pytest.raises(IdempotencyKeyReused):
        run(service.upload_medical_assessment(upload(), HOSPITAL, meta("k1", request_hash="x")))


# --- commands on a case ----------------------------------------------------------------------

def test_every_command_route_has_exactly_one_handler() -> None:
    assert {model for _, _, model, _ in CASE_COMMANDS} == set(HANDLERS)
    assert {m for m, h in HANDLERS.items() if h.needs_directory} == {cmd.Dispatch,
                                                                     cmd.Relocation}


def test_a_command_on_no_case_is_not_found() -> None:
    with pytest.raises(CaseNotFound):
        run(fake_service().handle("nope", cmd.Dispatch(), PLATFORM, meta()))


def test_a_case_out_of_the_callers_scope_reads_as_not_found_and_is_untouched() -> None:
    world = FakeWorld()
    case_id = uploaded(fake_service(world))["case_id"]
    consent = cmd.ConsentChange(purpose="relocation", given_by="patient",
                                on=NOW.date(), withdrawn=True)
    with pytest.raises(CaseNotFound):
        run(fake_service(world).handle(case_id, consent, OTHER_HOSPITAL, meta()))
    assert world.cases[case_id].version == 1


def test_an_if_match_the_case_no_longer_matches_is_refused_and_stores_nothing() -> None:
    world = FakeWorld()
    case_id = uploaded(fake_service(world))["case_id"]
    with pytest.raises(PreconditionFailed):
        run(fake_service(world).handle(case_id, cmd.Dispatch(), PLATFORM, meta(if_match=7)))
    assert world.cases[case_id].version == 1


def test_a_matching_if_match_is_accepted() -> None:
    world = FakeWorld()
    case_id = uploaded(fake_service(world))["case_id"]
    answer = run(fake_service(world).handle(case_id, cmd.Dispatch(), PLATFORM, meta(if_match=1)))
    assert (answer.status_code, answer.location, answer.version) == (200, None, 2)


def test_a_domain_refusal_stores_nothing() -> None:
    world = FakeWorld()
    service = fake_service(world)
    case_id = uploaded(service)["case_id"]
    run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta()))
    run(service.handle(case_id, cmd.Acceptance(accepted=True), INSTITUTION, meta()))
    commits, held = world.commits, world.directory["inst-county"].active_cases
    with pytest.raises(InvalidTransition):  # the agreement comes after the evaluation
        run(service.handle(case_id, agreement(), INSTITUTION, meta()))
    assert world.commits == commits and world.cases[case_id].version == 3
    assert world.directory["inst-county"].active_cases == held


def test_dispatch_holds_a_room_at_the_institution_it_chose() -> None:
    world = FakeWorld()
    case_id = uploaded(fake_service(world))["case_id"]
    before = world.directory["inst-county"].active_cases
    shown = json.loads(run(fake_service(world).handle(
        case_id, cmd.Dispatch(), PLATFORM, meta())).body)
    assert shown["institution"]["institution_id"] == "inst-county"
    assert world.directory["inst-county"].active_cases == before + 1


class _TakenOnce:
    """A directory in which someone else takes the last room of the first choice: its hold
    fails, and from then on the institution reads as full."""

    def __init__(self, inner) -> None:  # noqa: ANN001
        self.inner, self.full = inner, set[str]()

    async def hold_room(self, institution_id: str, conn) -> bool:  # noqa: ANN001
        if not self.full:
            self.full.add(institution_id)
            return False
        return await self.inner.hold_room(institution_id, conn)

    async def in_city_of(self, region: str, conn) -> list:  # noqa: ANN001
        return [replace(i, active_cases=i.capacity) if i.institution_id in self.full else i
                for i in await self.inner.in_city_of(region, conn)]

    async def get(self, institution_id: str, conn):  # noqa: ANN001, ANN201
        return await self.inner.get(institution_id, conn)


def test_a_room_taken_meanwhile_is_chosen_again_from_what_is_left() -> None:
    world = FakeWorld()
    service = fake_service(world)
    case_id = uploaded(service)["case_id"]
    service.directory = _TakenOnce(service.directory)
    shown = json.loads(run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta())).body)
    assert service.directory.full == {"inst-county"}
    assert shown["institution"]["institution_id"] == "inst-city"  # the county's is full now


class _ChangedUnderneath(FakeCaseStore):
    """A store whose appends meet a newer version ``times`` times first."""

    def __init__(self, world: FakeWorld, times: int) -> None:
        super().__init__(world)
        self.times, self.appends = times, 0

    async def append(self, conn, before, after, events, metadata, recorded_at,  # noqa: ANN001
                     due=None):  # noqa: ANN001
        self.appends += 1
        if self.appends <= self.times:
            raise ConcurrencyError(before.case_id, before.version, before.version + 1)
        return await super().append(conn, before, after, events, metadata, recorded_at, due)


def _on_changing_store(times: int):  # noqa: ANN202
    world = FakeWorld()
    case_id = uploaded(fake_service(world))["case_id"]
    service = fake_service(world)
    service.repo = _ChangedUnderneath(world, times)
    return world, service, case_id


def test_a_concurrent_change_is_decided_again_on_the_new_state() -> None:
    world, service, case_id = _on_changing_store(times=2)
    answer = run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta()))
    assert service.repo.appends == 3 and answer.version == 2


def test_with_if_match_a_concurrent_change_is_the_callers_412() -> None:
    world, service, case_id = _on_changing_store(times=1)
    with pytest.raises(PreconditionFailed):
        run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta(if_match=1)))
    assert service.repo.appends == 1


def test_a_case_that_keeps_changing_is_busy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pipeline, "RETRY_SECONDS", 0.05)
    world, service, case_id = _on_changing_store(times=10_000)
    with pytest.raises(Busy):
        run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta()))
    assert world.cases[case_id].version == 1


def test_a_retried_command_is_answered_from_its_key_not_acted_again() -> None:
    world = FakeWorld()
    service = fake_service(world)
    case_id = uploaded(service)["case_id"]
    first = run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta("d1")))
    again = run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta("d1")))
    assert again == first and world.cases[case_id].version == 2


def test_a_stored_answer_is_not_replayed_to_a_caller_who_cannot_see_the_case() -> None:
    world = FakeWorld()
    service = fake_service(world)
    case_id = uploaded(service)["case_id"]
    run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta("d1")))
    world.cases.pop(case_id)
    with pytest.raises(CaseNotFound):
        run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta("d1")))


# --- erasing a person ------------------------------------------------------------------------

class _Keyring:
    def __init__(self) -> None:
        self.erased: set[str] = set()

    async def erase(self, conn, patient_id: str, now, reason: str) -> list[str]:  # noqa: ANN001
        if patient_id in self.erased:
            return []
        self.erased.add(patient_id)
        return [f"key-{patient_id}"]


class _Streams:
    def __init__(self) -> None:
        self.recorded: list[tuple[str, Any]] = []

    async def record_erasure(self, conn, patient_id, event, metadata, now) -> None:  # noqa: ANN001
        self.recorded.append((patient_id, event))


def _erasure(world: FakeWorld) -> tuple[PersonErasure, _Streams]:
    streams = _Streams()
    return PersonErasure(world, FakeCaseStore(world), _Keyring(), streams, FakeAnswers(world),
                         HttpAnswers(), lambda: NOW), streams


ADMIN = Actor("admin-1", "admin", "platform", "130000")


def test_a_person_with_an_open_case_is_not_erased() -> None:
    world = FakeWorld()
    shown = uploaded(fake_service(world))
    erasure, streams = _erasure(world)
    with pytest.raises(OpenCase) as refused:
        run(erasure.erase(shown["patient_id"], "申请删除", ADMIN, meta()))
    assert refused.value.field == "patient_id" and streams.recorded == []


def test_an_erasure_is_recorded_once_and_its_retry_gets_the_same_record() -> None:
    world = FakeWorld()
    shown = uploaded(fake_service(world))
    case_id, patient = shown["case_id"], shown["patient_id"]
    world.cases[case_id] = replace(world.cases[case_id], state=type(world.cases[case_id].state)(
        "closed"))
    erasure, streams = _erasure(world)
    body = run(erasure.erase(patient, "申请删除", ADMIN, meta("e1")))
    assert json.loads(body)["case_ids"] == [case_id] and len(streams.recorded) == 1
    assert run(erasure.erase(patient, "申请删除", ADMIN, meta("e1"))) == body
    with pytest.raises(AlreadyErased):
        run(erasure.erase(patient, "申请删除", ADMIN, meta("e2")))
    assert len(streams.recorded) == 1


def test_no_person_is_not_found() -> None:
    erasure, _ = _erasure(FakeWorld())
    with pytest.raises(CaseNotFound):
        run(erasure.erase("nobody", "申请删除", ADMIN, meta()))


def test_agreement_before_evaluation_is_refused_by_the_lifecycle() -> None:
    world = FakeWorld()
    service = fake_service(world)
    case_id = uploaded(service)["case_id"]
    run(service.handle(case_id, cmd.Dispatch(), PLATFORM, meta()))
    run(service.handle(case_id, cmd.Acceptance(accepted=True), INSTITUTION, meta()))
    with pytest.raises(InvalidTransition):
        run(service.handle(case_id, agreement(), INSTITUTION, meta()))


class _TwinCommittedMeanwhile(FakeCaseStore):
    """An open case of the same person committed by another request between this one's check
    and its insert (``twin``); or, with no twin, a collision on something else."""

    def __init__(self, world: FakeWorld, twin: str | None) -> None:
        super().__init__(world)
        self.twin = twin

    async def open_case_of(self, person_key: str, conn) -> str | None:  # noqa: ANN001
        return self.twin if getattr(self, "inserting", False) else None

    async def append(self, conn, before, after, events, metadata, recorded_at,  # noqa: ANN001
                     due=None):  # noqa: ANN001
        self.inserting = True
        raise UniqueViolation("cases_open_person")


def test_a_twin_committed_meanwhile_is_answered_as_a_duplicate() -> None:
    world = FakeWorld()
    service = fake_service(world)
    service.repo = _TwinCommittedMeanwhile(world, twin="case-twin")
    with pytest.raises(DuplicateCase) as refused:
        run(service.upload_medical_assessment(upload(), HOSPITAL, meta()))
    assert refused.value.extra["case_id"] == "case-twin" and world.cases == {}


def test_a_collision_that_is_no_twin_is_not_hidden() -> None:
    world = FakeWorld()
    service = fake_service(world)
    service.repo = _TwinCommittedMeanwhile(world, twin=None)
    with pytest.raises(UniqueViolation):
        run(service.upload_medical_assessment(upload(), HOSPITAL, meta()))
