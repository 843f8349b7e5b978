"""The referral service's handlers without HTTP: a runtime on a real database, a travel clock,
a directory loaded directly, and cases driven into any state."""

from __future__ import annotations

import contextlib
import itertools
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from jingkang.common.application.request_meta import RequestMeta
from jingkang.referral.application.service import CaseService
from jingkang.referral.bootstrap import ReferralRuntime, build_runtime
from jingkang.referral.config import Settings
from jingkang.referral.domain import commands as cmd
from jingkang.common.domain.actor import Actor
from jingkang.referral.domain.vocabulary import CaseState

from . import payloads as p
from .conftest import INSTITUTIONS, SECRET, TravelClock

_REQUESTS = itertools.count()
HOSPITAL = Actor("doc", "hospital", "hosp-1", "130100")
SOCIAL_WORKER = Actor("sw", "social_worker", "sw-org", "130000")  # the whole province
PLATFORM = Actor("platform", "platform", "platform", "130000")


def institution(org: str) -> Actor:
    return Actor(f"desk-{org}", "institution", org, "130102")


def meta() -> RequestMeta:
    request_id = f"req-{next(_REQUESTS)}"
    return RequestMeta(request_id=request_id, correlation_id=request_id)


@contextlib.asynccontextmanager
async def handler_runtime(url: str) -> AsyncIterator[tuple[ReferralRuntime, TravelClock]]:
    clock = TravelClock()
    settings = Settings(referral_database_url=url, jwt_secret=SECRET,
                        registry_url="http://127.0.0.1:9")  # the consumer is not started
    runtime = await build_runtime(settings, clock)
    async with runtime.db.transaction() as conn:
        for i in INSTITUTIONS:
            await conn.execute(
                "INSERT INTO institutions (institution_id, name, region, operating, accepting, "
                "capacity, source_version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 1, $7)",
                i["institution_id"], i["name"], i["region"], True, True, 10_000,
                conn.timestamp(clock.now))
    try:
        yield runtime, clock
    finally:
        await runtime.db.close()


# Commands on a case, by action; the service chooses the decision (application/handlers.py).
BODIES: dict[str, Any] = {
    "review": cmd.Review(approved=True, needs_assessment="需要"),
    "reconfirmation": cmd.Reconfirm(willing=True, situation="仍愿意"),
    "dispatch": cmd.Dispatch(),
    "acceptance": cmd.Acceptance(accepted=True),
    "evaluation": cmd.Evaluation(**p.EVALUATION),
    "agreement": cmd.Agreement(**p.AGREEMENT),
    "service_record": cmd.ServiceRecord(**p.SERVICE),
    "reassessment": cmd.Reassessment(**p.REASSESS_EXIT),
    "relocation": cmd.Relocation(to_region="130202", reason="迁居"),
    "relapse": cmd.Relapse(hospital_org_id="hosp-1", risk_level=3, reason="复发"),
    "hospital_return": cmd.HospitalReturn(discharged_on="2026-11-02"),
    "exit": cmd.Exit(destination="employment"),
    "withdrawal": cmd.Withdrawal(reason="withdrawn"),
    "follow_up": cmd.FollowUp(visited_on="2026-11-02", outcome="良好"),
}


@dataclass
class Driver:
    service: CaseService
    serials: itertools.count

    async def act(self, case_id: str, action: str, actor: Actor) -> dict:
        answer = await self.service.handle(case_id, BODIES[action], actor, meta())
        return json.loads(answer.body)

    async def new_case(self, *, application: bool = False, region: str = "130102") -> str:
        serial = next(self.serials)
        if application:
            command = cmd.SubmitApplication(**p.application(serial, residence_region=region))
            answer = await self.service.submit_application(command, SOCIAL_WORKER, meta())
        else:
            command = cmd.UploadMedicalAssessment(**p.upload(serial, residence_region=region))
            answer = await self.service.upload_medical_assessment(command, HOSPITAL, meta())
        return json.loads(answer.body)["case_id"]

    async def case_in(self, state: CaseState) -> str:
        """A new case driven into ``state`` the way the lifecycle allows."""
        S = CaseState
        if state in (S.PENDING_REVIEW, S.REJECTED):
            case_id = await self.new_case(application=True)
            if state == S.REJECTED:
                await self.service.handle(case_id, cmd.Review(
                    approved=False, needs_assessment="无", reason="不符合"), SOCIAL_WORKER, meta())
            return case_id
        if state == S.WAITLISTED:
            case_id = await self.new_case(region="130302")
            await self.act(case_id, "dispatch", PLATFORM)
            return case_id
        case_id = await self.new_case()
        if state == S.REGISTERED:
            return case_id
        await self.service.handle(case_id, cmd.Dispatch(institution_id="inst-a"),
                                  PLATFORM, meta())
        path = [("acceptance", institution("inst-a")),
                ("evaluation", institution("inst-a")), ("agreement", institution("inst-a"))]
        upto = {S.DISPATCHED: 0, S.ACCEPTED: 1, S.EVALUATED: 2}.get(state, 3)
        for action, actor in path[:upto]:
            await self.act(case_id, action, actor)
        if state == S.RELOCATING:
            await self.service.handle(case_id, cmd.Relocation(
                to_region="130104", target_institution_id="inst-c", reason="迁居"),
                institution("inst-a"), meta())
        elif state == S.HOSPITALIZED:
            await self.act(case_id, "relapse", institution("inst-a"))
        elif state == S.CLOSED:
            await self.act(case_id, "withdrawal", institution("inst-a"))
        return case_id
