"""Logs never hold personal data: both services, started for real at debug level, are driven
through their endpoints with known personal values — valid and invalid, allowed and refused —
and every line they wrote is searched for those values."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from datetime import datetime
from zoneinfo import ZoneInfo
from pathlib import Path

import httpx
from stdnum.cn import ric, uscc

from .support import service_env, token, wait_until_healthy

CHINA = ZoneInfo("Asia/Shanghai")
NAME, GUARDIAN, PHONE = "司马相如", "卓文君", "13987654321"
ADDRESS, DIAGNOSIS, NOTE = "长安区秘密街99号", "双相情感障碍罕见型", "患者自述幻听内容甲乙丙"
_BODY = "13010219850707123"
ID_NUMBER = _BODY + ric.calc_check_digit(_BODY + "0")
SECRETS = (NAME, GUARDIAN, PHONE, ADDRESS, DIAGNOSIS, NOTE, ID_NUMBER, ID_NUMBER[6:14])


def _person() -> dict:
    return {"name": NAME, "id_number": ID_NUMBER, "phone": PHONE, "address": ADDRESS,
            "guardian": {"name": GUARDIAN, "relation": "配偶", "phone": PHONE}}


def _upload(**overrides: object) -> dict:
    consents = [{"purpose": p, "given_by": g, "given_on": "2026-11-01"}
                for p in ("referral_upload", "share_with_institution", "relocation")
                for g in ("patient", "guardian")]
    return {"person": _person(), "residence_region": "130102", "assessment_kind": "discharge",
            "assessed_on": "2026-11-01", "diagnosis": DIAGNOSIS, "risk_level": 2,
            "recommendation": NOTE, "consents": consents, **overrides}


def _drive(referral: httpx.Client, registry: httpx.Client) -> None:
    ca, hospital = token("civil_affairs", org="ca", region="130000"), token("hospital")
    inst = token("institution", org="log-inst", region="130102")
    admin = token("admin", org="ops", region="130000")
    auditor = token("auditor", org="audit", region="130000")
    platform = token("platform", org="p", region="130000")
    code = "52130102MJ0000099"
    registered = registry.post("/v1/institutions", headers=ca, json={
        "institution_id": "log-inst", "name": "日志站", "credit_code": code + uscc.calc_check_digit(code),
        "region": "130102", "address": "某路1号", "level": "township", "kind": "station",
        "area": "urban", "capacity": 5, "contact": {"name": NAME, "phone": PHONE}})
    assert registered.status_code == 201, registered.text
    for _ in range(100):
        if referral.get("/readyz").json()["checks"]["consumers"][0]["position"] > 0:
            break
        time.sleep(0.05)
    # Refused inputs that carry the personal values: bad checksum, bad phone, bad JSON.
    referral.post("/v1/referrals/medical-assessments", headers=hospital,
                  json=_upload(person={**_person(), "id_number": ID_NUMBER[:-1] + "0"}))
    referral.post("/v1/referrals/medical-assessments", headers=hospital,
                  json=_upload(person={**_person(), "phone": PHONE + "9"}))
    referral.post("/v1/referrals/medical-assessments", headers=hospital,
                  content=f'{{"person": {{"name": "{NAME}"'.encode(),
                  )
    referral.post("/v1/referrals/medical-assessments", json=_upload())  # no token
    created = referral.post("/v1/referrals/medical-assessments", headers=hospital, json=_upload())
    assert created.status_code == 201, created.text
    case_id, patient_id = created.json()["case_id"], created.json()["patient_id"]
    referral.post("/v1/referrals/medical-assessments", headers=hospital, json=_upload())  # dup
    referral.post(f"/v1/cases/{case_id}/dispatch", headers=platform, json={})
    answers = []
    for action, body in (
            ("acceptance", {"accepted": True}),
            ("evaluations", {"evaluated_on": "2026-11-02", "suitable": True, "opinion": NOTE,
                             "plan": NOTE, "risk_level": 1,
                             "team": [{"name": NAME, "profession": "psychiatrist"},
                                      {"name": GUARDIAN, "profession": "social_worker"}]}),
            ("agreements", {"signed_on": "2026-11-02", "informed_consent": True,
                            "service_agreement": True, "electronic": True,
                            "signed_by_guardian": True}),
            ("service-records", {"service_type": "life_skills", "form": "day_training",
                                 "method": "group_work", "started_at": "2026-11-02T09:00:00+08:00",
                                 "duration_minutes": 60, "staff": [NAME], "notes": NOTE}),
            ("relapses", {"hospital_org_id": "org-1", "risk_level": 4, "reason": NOTE}),
            ("hospital-returns", {"discharged_on": "2026-11-03", "notes": NOTE}),
            ("withdrawal", {"reason": "withdrawn", "unwilling": True, "notes": NOTE}),
            ("follow-ups", {"visited_on": datetime.now(CHINA).date().isoformat(), "outcome": NOTE})):
        who = token("hospital") if action == "hospital-returns" else inst
        answers.append(referral.post(f"/v1/cases/{case_id}/{action}", headers=who,
                                     json=body).status_code)
    assert answers == [200] * len(answers), answers
    for path in (f"/v1/cases/{case_id}", f"/v1/cases/{case_id}/events", "/v1/cases",
                 f"/v1/cases/{case_id}/integrity", "/v1/events", "/v1/state-machine",
                 "/v1/audit/access-log"):
        referral.get(path, headers=auditor)
        referral.get(path, headers=hospital)
    time.sleep(1)
    for path in ("/v1/archives/patients", f"/v1/archives/patients/{patient_id}",
                 "/v1/archives/institutions/log-inst", "/v1/institutions",
                 "/v1/statistics/progress?region=130000&period=2026Q4",
                 "/v1/statistics/coverage?region=130000", "/v1/institutions/log-inst/events"):
        registry.get(path, headers=ca)
        registry.get(path, headers=hospital)
    registry.post("/v1/institutions/imports", headers={**ca, "Content-Type": "text/csv"},
                  content=f"name,credit_code\n{NAME},{ID_NUMBER}\n".encode())
    erased = referral.post(f"/v1/persons/{patient_id}/erasure", headers=admin,
                           json={"reason": NOTE})
    assert erased.status_code == 200, erased.text


def test_no_personal_value_reaches_any_log(tmp_path: Path) -> None:
    env = service_env(tmp_path, JINGKANG_LOG_LEVEL="debug")
    log_path = tmp_path / "services.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen([sys.executable, "-m", "jingkang.cli", "run"], env=env,
                                   stdout=log, stderr=subprocess.STDOUT)
        try:
            bases = [f"http://127.0.0.1:{env[f'JINGKANG_{s}_PORT']}" for s in ("REFERRAL",
                                                                              "REGISTRY")]
            for base in bases:
                wait_until_healthy(base, process)
            with httpx.Client(base_url=bases[0], timeout=30) as referral, \
                    httpx.Client(base_url=bases[1], timeout=30) as registry:
                _drive(referral, registry)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
    text = log_path.read_text(encoding="utf-8", errors="replace")
    assert "POST /v1/referrals/medical-assessments" in text  # the log did capture the calls
    assert "/erasure" in text and text.count("\n") > 50
    leaked = [value for value in SECRETS if value in text]
    assert not leaked, f"personal values in the logs: {leaked}"
