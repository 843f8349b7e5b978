"""The request bodies' examples in the OpenAPI documents are requests that work: each is
valid for its model, and sent in order to the real services they take a case from the upload
to its follow-up and erasure, and an institution and a county's report through the chain."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jingkang.referral.entrypoints.examples import EXAMPLES as REFERRAL
from jingkang.registry.entrypoints.examples import EXAMPLES as REGISTRY
from jingkang.registry.entrypoints.routes.institutions import CSV_EXAMPLE

from . import scenario as sc
from .conftest import System, token

ROOT = Path(__file__).resolve().parents[2]
NOW = sc.datetime(2026, 11, 2, 4, tzinfo=sc.UTC)  # 12:00 in China


def _example(examples: dict[type, dict[str, Any]], name: str) -> dict[str, Any]:
    return next(body for model, body in examples.items() if model.__name__ == name)


@pytest.mark.parametrize("service", ["referral", "registry"])
def test_every_json_request_body_has_an_example_its_model_accepts(service: str) -> None:
    document = json.loads((ROOT / "openapi" / f"{service}.json").read_text())
    examples = REFERRAL if service == "referral" else REGISTRY
    for model, body in examples.items():
        model.model_validate(body)
    for operations in document["paths"].values():
        for operation in operations.values():
            content = operation.get("requestBody", {}).get("content", {})
            for media_type, media in content.items():
                if media_type in ("application/json", "text/csv"):
                    assert "example" in media, operation["operationId"]


async def test_the_examples_work_when_sent(system: System) -> None:
    s = system
    s.clock.set(NOW)
    ca, county_ca = sc.CIVIL_AFFAIRS, token("civil_affairs", "ca-changan", "130102")
    city_ca = token("civil_affairs", "ca-sjz", "130100")
    hospital, platform = sc.HOSPITAL, sc.PLATFORM
    site = token("institution", "changan-jianshe", "130102")
    ref = lambda name: _example(REFERRAL, name)  # noqa: E731
    reg = lambda name: _example(REGISTRY, name)  # noqa: E731

    await s.registry.post("/v1/institutions", reg("RegisterInstitution"), ca, 201)
    await s.registry.call("PATCH", "/v1/institutions/changan-jianshe", ca, 200,
                          reg("ChangeInstitution"))
    await s.registry.post("/v1/institutions/changan-jianshe/staff-reports", reg("ReportStaff"),
                          site)
    imported = await s.registry.http.post("/v1/institutions/imports", content=CSV_EXAMPLE.encode(),
                                          headers={**ca, "Content-Type": "text/csv"})
    assert imported.status_code == 201, imported.text
    await s.registry.call("PUT", "/v1/regions/130102/baselines/2026Q4", ca, 200,
                          reg("RecordBaseline"))
    await s.settle()

    case = await s.referral.post("/v1/referrals/medical-assessments",
                                 ref("UploadMedicalAssessment"), hospital, 201)
    path = f"/v1/cases/{case['case_id']}"
    steps = [("dispatch", "Dispatch", platform), ("acceptance", "Acceptance", site),
             ("evaluations", "Evaluation", site), ("agreements", "Agreement", site),
             ("service-records", "ServiceRecord", site), ("consents", "ConsentChange", site),
             ("relapses", "Relapse", site), ("hospital-returns", "HospitalReturn", hospital),
             ("reassessments", "Reassessment", site), ("exit", "Exit", site),
             ("follow-ups", "FollowUp", site)]
    for action, name, who in steps:
        answer = await s.referral.post(f"{path}/{action}", ref(name), who)
        assert answer["case_id"] == case["case_id"], action
    assert answer["state"] == "closed"
    await s.referral.post(f"/v1/persons/{case['patient_id']}/erasure", ref("Erasure"),
                          token("admin", "admin", "130000"))

    applied = await s.referral.post("/v1/referrals/applications", ref("SubmitApplication"),
                                    sc.SOCIAL_WORKER, 201)
    for action, name in (("review", "Review"), ("withdrawal", "Withdrawal")):
        await s.referral.post(f"/v1/cases/{applied['case_id']}/{action}", ref(name),
                              sc.SOCIAL_WORKER)

    report = "/v1/reports/130102/2026Q3"
    await s.registry.call("PUT", f"{report}/draft", county_ca, 200, reg("DraftReport"))
    await s.registry.post(f"{report}/submissions", reg("SubmitReport"), county_ca, 201)
    await s.registry.post(f"{report}/acceptance", reg("AcceptReport"), city_ca)
    other = "/v1/reports/130104/2026Q3"
    await s.registry.post(f"{other}/submissions", reg("SubmitReport"),
                          token("civil_affairs", "ca-qiaoxi", "130104"), 201)
    await s.registry.post(f"{other}/return", reg("ReturnReport"), city_ca)
    await s.registry.post("/v1/institutions/changan-jianshe/status", reg("ChangeStatus"), ca)
