"""An event stored with a NUL in a person's name (accepted before the edge refused NUL) is
applied by the registry's archive like any other, on both engines: PostgreSQL text cannot hold
NUL, so the archive keeps U+FFFD in its place, and the cases recorded after it are archived
too."""

from __future__ import annotations

import json
import uuid

from jingkang.common.application.request_meta import RequestMeta
from jingkang.referral.bootstrap import build_runtime
from jingkang.referral.config import Settings as ReferralSettings
from jingkang.referral.domain import commands as cmd
from jingkang.common.domain.actor import Actor

from . import scenario as sc
from .conftest import SECRET, System

NUL = "\x00"


async def _upload_past_the_edge(s: System, name: str, relation: str, serial: int) -> str:
    """Store an upload as the referral service did before its edge refused NUL: the command
    is checked with a clean name, then given the stored one (``model_copy`` checks nothing),
    and handed to the application service in this process, past the HTTP edge."""
    runtime = await build_runtime(ReferralSettings(
        referral_database_url=s.referral_db, jwt_secret=SECRET, registry_url=s.registry_url,
        referral_url=s.referral_url), clock=s.clock)
    consents = [{"purpose": purpose, "given_by": g, "given_on": s.clock.today}
                for purpose in sc.CONSENT_PURPOSES for g in ("patient", "guardian")]
    command = cmd.UploadMedicalAssessment.model_validate({
        "person": {"name": "张三", "id_number": sc.id_number(serial),
                   "guardian": {"name": "家属", "relation": "母亲"}},
        "residence_region": "130102", "assessment_kind": "discharge",
        "assessed_on": s.clock.today, "diagnosis": "精神分裂症", "risk_level": 1,
        "recommendation": "病情稳定，建议社区康复", "consents": consents})
    guardian = command.person.guardian.model_copy(update={"relation": relation})
    command = command.model_copy(update={"person": command.person.model_copy(
        update={"name": name, "guardian": guardian})})
    try:
        answer = await runtime.cases.upload_medical_assessment(
            command, Actor("hospital-hosp-1", "hospital", "hosp-1", "130100"),
            RequestMeta(request_id=str(uuid.uuid4()), correlation_id=str(uuid.uuid4())))
    finally:
        await runtime.db.close()
    assert answer.status_code == 201
    return json.loads(answer.body)["case_id"]


async def test_a_stored_nul_is_archived_and_the_archive_goes_on(system: System) -> None:
    s, d = system, sc.Driver(system)
    s.clock.set(sc.JUNE)
    poisoned = await _upload_past_the_edge(s, f"{NUL}三", f"母{NUL}亲", serial=901)
    after = await d.upload("after", "130102")  # through the API, once the NUL is stored

    await s.settle()  # the archive applied every event, the NUL's and those after it

    ready = (await s.registry.http.get("/readyz")).json()
    archive = ready["checks"]["consumers"][0]
    assert (ready["status"], archive["state"], archive["stuck"]) == ("ready", "following", None)
    for case_id in (poisoned, after):
        patient_id = (await s.referral.get(f"/v1/cases/{case_id}", sc.AUDITOR))["patient_id"]
        kept = await s.registry.get(f"/v1/archives/patients/{patient_id}", sc.AUDITOR)
        assert [c["case_id"] for c in kept["cases"]] == [case_id]
    patient_id = (await s.referral.get(f"/v1/cases/{poisoned}", sc.AUDITOR))["patient_id"]
    kept = await s.registry.get(f"/v1/archives/patients/{patient_id}", sc.AUDITOR)
    assert kept["name"] == "\ufffd*"
    assert kept["guardian_relation"] == "母\ufffd亲"
