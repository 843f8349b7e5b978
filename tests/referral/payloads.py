"""Request bodies for the referral API, valid unless a test changes them."""

from __future__ import annotations

from typing import Any

from .conftest import token

HOSPITAL = token("hospital", "hosp-1")
OTHER_HOSPITAL = token("hospital", "hosp-2")
SOCIAL_WORKER = token("social_worker", "sw-org", "130100")
FAR_SOCIAL_WORKER = token("social_worker", "sw-far", "110100")
REPORTER = token("reporter", "committee-7", "130102")
PLATFORM = token("platform", "platform", "130000")
AUDITOR = token("auditor", "audit", "130000")
ADMIN = token("admin", "ops", "130000")


def institution(org: str) -> dict[str, str]:
    return token("institution", org, "130102")


def token_for_institution(org: str, region: str) -> dict[str, str]:
    return token("institution", org, region)


def token_for_region(region: str) -> dict[str, str]:
    """A social worker whose jurisdiction is ``region``."""
    return token("social_worker", f"sw-{region}", region)


def id_number(serial: int) -> str:
    """A valid identity number (Beijing Dongcheng, born 1980-01-01) per serial."""
    from stdnum.cn import ric

    body = f"110101198001{1 + serial % 28:02d}{serial % 1000:03d}"
    return body + ric.calc_check_digit(body + "0")


def wrong_check_digit(number: str) -> str:
    digits = "0123456789X"
    return number[:-1] + digits[(digits.index(number[-1]) + 1) % len(digits)]


def person(serial: int = 1) -> dict[str, Any]:
    return {"name": "张三", "id_number": id_number(serial), "phone": "13800138000",
            "address": "长安区建设北大街1号", "guardian": {"name": "李四", "relation": "母亲"}}


def upload(serial: int = 1, **overrides: Any) -> dict[str, Any]:
    body = {
        "person": person(serial), "residence_region": "130102", "assessment_kind": "discharge",
        "assessed_on": "2026-10-30", "diagnosis": "精神分裂症", "risk_level": 1,
        "recommendation": "病情稳定，建议社区康复",
        "consents": [{"purpose": purpose, "given_by": giver, "given_on": "2026-10-30"}
                     for purpose in ("referral_upload", "share_with_institution", "relocation")
                     for giver in ("patient", "guardian")],
    }
    return {**body, **overrides}


def application(serial: int, channel: str = "self", **overrides: Any) -> dict[str, Any]:
    body = {"channel": channel, "person": person(serial), "residence_region": "130102",
            "needs": "希望参加日间训练", "applied_on": "2026-10-30",
            "consents": [{"purpose": purpose, "given_by": "patient", "given_on": "2026-10-30"}
                         for purpose in ("share_with_institution", "relocation")]}
    if channel == "third_party":
        body |= {"reporter_kind": "committee", "reporter_name": "某社区居委会"}
    return {**body, **overrides}


EVALUATION = {"evaluated_on": "2026-11-02", "suitable": True, "opinion": "适宜社区康复",
              "plan": "日间训练、服药训练", "risk_level": 1,
              "team": [{"name": "王医生", "profession": "psychiatrist"},
                       {"name": "赵社工", "profession": "social_worker"}]}
UNSUITABLE = {**EVALUATION, "suitable": False, "opinion": "病情不稳定，不适宜", "plan": None}
AGREEMENT = {"signed_on": "2026-11-02", "informed_consent": True, "service_agreement": True,
             "electronic": True, "signed_by_guardian": True}
SERVICE = {"service_type": "life_skills", "form": "day_training", "method": "group_work",
           "started_at": "2026-11-02T09:00:00+08:00", "duration_minutes": 90,
           "staff": ["赵社工"]}
REASSESS_EXIT = {"assessed_on": "2026-11-02", "rehabilitation_effect": "明显改善",
                 "disease_state": "稳定", "self_care": "完全自理", "employment_willingness": True,
                 "employment_ability": True, "risk_level": 0, "recommend_exit": True,
                 "exit_destination": "employment"}
