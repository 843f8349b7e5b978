"""The registry's command handlers over in-memory fakes: each refusal of the registry domain
(institution.py, baselines.py, periods.py, commands.py) given, when, then refused — fast, with
no database."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Coroutine
from datetime import timedelta
from typing import Any, TypeVar

import pytest
from pydantic import ValidationError
from stdnum.cn import uscc

from jingkang.common.application.answers import Answer
from jingkang.common.application.request_meta import RequestMeta
from jingkang.registry.application.institutions import Busy, PreconditionFailed, RegistryService
from jingkang.registry.domain import commands as cmd
from jingkang.registry.domain.errors import (
    DuplicateInstitution, InstitutionNotFound, InvalidField, InvalidStatusChange, OutOfScope,
)
from jingkang.common.domain.actor import Actor
from jingkang.registry.domain.periods import InvalidPeriod, Period

from jingkang_events import ConcurrencyError

from .fakes import NOW, FakeInstitutionStore, FakeWorld, fake_service

T = TypeVar("T")
HEBEI = Actor("ca-1", "civil_affairs", "ca-hebei", "130000")
TANGSHAN = Actor("ca-2", "civil_affairs", "ca-tangshan", "130200")
ADMIN = Actor("admin-1", "admin", "platform", "130000")
SITE = "sjz-a"
ITSELF = Actor("site-1", "institution", SITE, "130102")
OTHER_SITE = Actor("site-2", "institution", "sjz-b", "130104")


def run(coroutine: Coroutine[Any, Any, T]) -> T:
    return asyncio.run(coroutine)


def meta(key: str | None = None, if_match: int | None = None) -> RequestMeta:
    return RequestMeta("req-1", "corr-1", key, "hash", if_match)


def credit_code(serial: int = 1) -> str:
    body = f"52130100MJ{serial:07d}"
    return body + uscc.calc_check_digit(body)


def registration(**changes: Any) -> cmd.RegisterInstitution:
    fields = {"institution_id": SITE, "name": "长安区康复站", "credit_code": credit_code(),
              "region": "130102", "township_code": "130102001", "address": "中山路 1 号",
              "level": "township", "kind": "station", "area": "urban", "capacity": 20}
    return cmd.RegisterInstitution(**{**fields, **changes})


def registered(service: RegistryService) -> Answer:
    return run(service.register(registration(), HEBEI, meta()))


def staff_report(period: str = "2025Q1", **line: Any) -> cmd.ReportStaff:
    return cmd.ReportStaff(period=period, lines=[{"profession": "nurse", "headcount": 4, **line}])


def baseline(**changes: Any) -> cmd.RecordBaseline:
    fields = {"total_patients": 100, "severe_at_home_police": 10, "severe_at_home_health": 12,
              "general_at_home": 70, "psychiatric_medical_staff": 3, "funding_10k_cny": "12.5"}
    return cmd.RecordBaseline(**{**fields, **changes})


# --- register ----------------------------------------------------------------------------

def test_register_stores_the_institution_and_answers_its_view() -> None:
    world = FakeWorld()
    answer = registered(fake_service(world))
    assert (answer.status_code, answer.version, answer.location) == (
        201, 1, f"/v1/institutions/{SITE}")
    assert json.loads(answer.body)["status"] == "operating"
    assert len(world.streams[SITE]) == 1


def test_register_refuses_a_region_no_county_in_the_year() -> None:
    with pytest.raises(InvalidField, match="county-level"):
        run(fake_service().register(registration(region="139999", township_code=None),
                                    HEBEI, meta()))


def test_register_refuses_a_township_outside_the_county() -> None:
    with pytest.raises(InvalidField, match="township"):
        run(fake_service().register(registration(township_code="130104001"), HEBEI, meta()))


def test_register_refuses_a_county_outside_the_callers_jurisdiction() -> None:
    with pytest.raises(OutOfScope):
        run(fake_service().register(registration(), TANGSHAN, meta()))


def test_register_refuses_an_opening_in_the_future() -> None:
    tomorrow = (NOW + timedelta(days=2)).date()
    with pytest.raises(InvalidField, match="future"):
        run(fake_service().register(registration(opened_on=tomorrow), HEBEI, meta()))


def test_register_refuses_an_invalid_credit_code() -> None:
    with pytest.raises(ValidationError, match="credit code"):
        registration(credit_code="52130100MJ00000010")


def test_a_stored_answer_is_replayed_for_the_same_key() -> None:
    world = FakeWorld()
    service = fake_service(world)
    first = run(service.register(registration(), HEBEI, meta("key-1")))
    again = run(service.register(registration(), HEBEI, meta("key-1")))
    assert again == first and len(world.streams) == 1


# --- change ------------------------------------------------------------------------------

def test_an_institution_changes_its_own_profile() -> None:
    service = fake_service()
    registered(service)
    answer = run(service.handle(SITE, cmd.ChangeInstitution(capacity=30), ITSELF, meta()))
    assert (answer.status_code, answer.version) == (200, 2)


def test_change_refuses_another_institution() -> None:
    service = fake_service()
    registered(service)
    with pytest.raises(OutOfScope, match="only act on itself"):
        run(service.handle(SITE, cmd.ChangeInstitution(capacity=30), OTHER_SITE, meta()))


def test_change_refuses_civil_affairs_of_another_region() -> None:
    service = fake_service()
    registered(service)
    with pytest.raises(OutOfScope, match="jurisdiction"):
        run(service.handle(SITE, cmd.ChangeInstitution(capacity=30), TANGSHAN, meta()))


def test_change_refuses_a_township_outside_the_institutions_county() -> None:
    service = fake_service()
    registered(service)
    with pytest.raises(InvalidField, match="township"):
        run(service.handle(SITE, cmd.ChangeInstitution(township_code="130104001"), HEBEI,
                           meta()))


def test_a_change_names_at_least_one_field() -> None:
    with pytest.raises(ValidationError, match="at least one field"):
        cmd.ChangeInstitution()


def test_a_change_does_not_remove_a_field() -> None:
    with pytest.raises(ValidationError, match="not removed"):
        cmd.ChangeInstitution(name=None)


# --- change status -----------------------------------------------------------------------

def test_change_status_refuses_a_move_the_status_does_not_allow() -> None:
    service = fake_service()
    registered(service)
    reopen = cmd.ChangeStatus(action="reopen", reason="nothing was suspended")
    with pytest.raises(InvalidStatusChange):
        run(service.handle(SITE, reopen, HEBEI, meta()))


def test_an_institution_does_not_change_its_own_status() -> None:
    service = fake_service()
    registered(service)
    suspend = cmd.ChangeStatus(action="suspend", reason="renovation")
    with pytest.raises(OutOfScope):
        run(service.handle(SITE, suspend, ITSELF, meta()))


# --- report staff ------------------------------------------------------------------------

def test_an_institution_reports_its_staff() -> None:
    service = fake_service()
    registered(service)
    answer = run(service.handle(SITE, staff_report(qualified=2), ITSELF, meta()))
    assert answer.version == 2


def test_report_staff_refuses_a_period_not_begun() -> None:
    service = fake_service()
    registered(service)
    with pytest.raises(InvalidField, match="not begun"):
        run(service.handle(SITE, staff_report("2026"), ITSELF, meta()))


def test_report_staff_refuses_a_closed_institution() -> None:
    service = fake_service()
    registered(service)
    close = cmd.ChangeStatus(action="close", reason="moved")
    run(service.handle(SITE, close, HEBEI, meta()))
    with pytest.raises(InvalidStatusChange, match="closed"):
        run(service.handle(SITE, staff_report(), ITSELF, meta()))


@pytest.mark.parametrize("line", [{"qualified": 5}, {"certified": 5}, {"purchased": 5},
                                  {"direct_service": 5}])
def test_a_staff_line_holds_no_more_than_its_headcount(line: dict[str, int]) -> None:
    with pytest.raises(ValidationError, match="exceeds headcount"):
        staff_report(**line)


def test_trained_direct_service_staff_are_among_the_direct_service_staff() -> None:
    with pytest.raises(ValidationError, match="direct_service_trained"):
        staff_report(direct_service=1, direct_service_trained=2)


def test_a_staff_report_has_one_line_per_profession() -> None:
    line = {"profession": "nurse", "headcount": 1}
    with pytest.raises(ValidationError, match="one line per profession"):
        cmd.ReportStaff(period="2025", lines=[line, line])


# --- baselines ---------------------------------------------------------------------------

def test_a_baseline_is_recorded_once_for_the_same_figures() -> None:
    world = FakeWorld()
    service = fake_service(world)
    first = run(service.record_baseline("130100", "2025Q1", baseline(), HEBEI, meta()))
    again = run(service.record_baseline("130100", "2025Q1", baseline(), HEBEI, meta()))
    assert (first.version, again.version) == (1, 1)
    assert len(world.baselines[("130100", "2025Q1")]) == 1


def test_baseline_refuses_an_unknown_region() -> None:
    with pytest.raises(InvalidField, match="division code"):
        run(fake_service().record_baseline("139999", "2025Q1", baseline(), ADMIN, meta()))


def test_baseline_refuses_a_malformed_period() -> None:
    with pytest.raises(InvalidField, match="period"):
        run(fake_service().record_baseline("130100", "2025Q5", baseline(), ADMIN, meta()))


def test_baseline_refuses_a_period_not_begun() -> None:
    with pytest.raises(InvalidField, match="not begun"):
        run(fake_service().record_baseline("130100", "2026", baseline(), ADMIN, meta()))


def test_baseline_parts_stay_within_the_total() -> None:
    with pytest.raises(ValidationError, match="exceeds total_patients"):
        baseline(general_at_home=101)


# --- periods -----------------------------------------------------------------------------

@pytest.mark.parametrize("text", ["1999", "2101", "2025Q5", "twenty"])
def test_a_period_is_a_year_2000_to_2100_with_an_optional_part(text: str) -> None:
    with pytest.raises(InvalidPeriod):
        Period.parse(text)


# --- import ------------------------------------------------------------------------------

def test_an_import_registers_every_row_or_none() -> None:
    world = FakeWorld()
    service = fake_service(world)
    rows = [registration(), registration(institution_id="sjz-b", credit_code=credit_code(2),
                                         region="130104", township_code=None)]
    answer = run(service.import_many(rows, HEBEI, meta()))
    assert json.loads(answer.body)["imported"] == 2 and set(world.streams) == {SITE, "sjz-b"}


def test_an_import_with_a_row_out_of_scope_stores_nothing() -> None:
    world = FakeWorld()
    rows = [registration(), registration(institution_id="ts-a", credit_code=credit_code(3),
                                         region="130202", township_code=None)]
    with pytest.raises(OutOfScope):
        run(fake_service(world).import_many(rows, TANGSHAN, meta()))
    assert world.streams == {}


# --- the shared steps --------------------------------------------------------------------

def test_a_command_on_no_institution_is_refused() -> None:
    with pytest.raises(InstitutionNotFound):
        run(fake_service().handle(SITE, cmd.ChangeInstitution(capacity=3), HEBEI, meta()))


def test_an_if_match_the_institution_no_longer_matches_is_refused() -> None:
    service = fake_service()
    registered(service)
    with pytest.raises(PreconditionFailed):
        run(service.handle(SITE, cmd.ChangeInstitution(capacity=3), HEBEI, meta(if_match=7)))


def test_registering_an_existing_institution_again_is_refused_and_stores_nothing() -> None:
    world = FakeWorld()
    service = fake_service(world)
    registered(service)
    with pytest.raises(DuplicateInstitution):
        registered(service)
    assert len(world.streams[SITE]) == 1


def test_showing_no_institution_is_refused() -> None:
    with pytest.raises(InstitutionNotFound):
        run(fake_service().show(SITE))


def test_an_import_meeting_a_registration_committed_meanwhile_is_refused_whole() -> None:
    world = FakeWorld()
    service = fake_service(world)
    registered(service)
    rows = [registration(institution_id="sjz-b", credit_code=credit_code(2), region="130104",
                         township_code=None), registration()]
    with pytest.raises(DuplicateInstitution):
        run(service.import_many(rows, HEBEI, meta()))
    assert set(world.streams) == {SITE}


class _BaselineAlwaysMoved(FakeInstitutionStore):
    async def append_baseline(self, conn, version, event, metadata, at) -> None:  # noqa: ANN001
        raise ConcurrencyError("baseline", version, version + 1)


def test_a_baseline_that_keeps_changing_is_busy() -> None:
    world = FakeWorld()
    service = fake_service(world)
    service.repo = _BaselineAlwaysMoved(world)
    with pytest.raises(Busy):
        run(service.record_baseline("130100", "2025", baseline(), HEBEI, meta()))
    assert world.baselines == {}
