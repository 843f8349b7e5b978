"""Refusals in the caller's language: Chinese by default, English on `Accept-Language: en`,
no library's wording anywhere; one code for bad input; a 401 that says how to authenticate;
every code the source raises in the catalogue, and docs/errors.md the catalogue."""

from __future__ import annotations

import re
import time
from pathlib import Path

import jwt

from jingkang.common.web.error_codes import CODES, RETIRED
from jingkang.common.web.localize import prefers_english
from tools.error_catalogue import catalogue

from . import payloads as p
from .conftest import SECRET, Api

ROOT = Path(__file__).resolve().parents[2]
UPLOAD = "/v1/referrals/medical-assessments"


def _bad_upload() -> dict:
    body = p.upload(71)
    del body["diagnosis"]  # missing
    body["assessment_kind"] = "telepathy"  # not one of the kinds
    body["risk_level"] = "high"  # not a number
    return body


async def test_bad_input_is_explained_in_chinese_by_default(api: Api) -> None:
    response = await api.http.post(UPLOAD, json=_bad_upload(), headers=p.HOSPITAL)
    assert response.status_code == 422
    assert response.headers["content-language"] == "zh-CN"
    body = response.json()
    assert (body["code"], body["title"]) == ("validation_error", "请求有误")
    by_field = {e["field"]: e["message"] for e in body["errors"]}
    assert by_field["diagnosis"] == "必填"
    assert by_field["assessment_kind"].startswith("取值必须是以下之一：") \
        and "discharge" in by_field["assessment_kind"]
    assert by_field["risk_level"] == "应为整数"
    assert body["detail"].startswith("以下字段有误：") and "diagnosis" in body["detail"]
    assert body["type"] == "urn:jingkang:problem:validation_error"
    shown = " ".join([body["title"], body["detail"], *by_field.values()])
    assert not re.search(r"[A-Za-z]{3,} (required|should)", shown)
    assert "Value error" not in response.text  # pydantic's prefix, not even in message_en


async def test_english_when_the_caller_prefers_it(api: Api) -> None:
    for header, english in (("en", True), ("en-US,en;q=0.9,zh-CN;q=0.8", True),
                            ("zh-CN,zh;q=0.9,en;q=0.8", False), ("fr", False),
                            ("en;q=0.4, zh;q=0.6", False)):
        response = await api.http.post(UPLOAD, json=_bad_upload(),
                                       headers={**p.HOSPITAL, "Accept-Language": header})
        body = response.json()
        assert (body["title"] == "Invalid request") is english, header
        messages = {e["field"]: e["message"] for e in body["errors"]}
        assert (messages["diagnosis"] == "Field required") is english, header
        assert "message_zh" not in response.text


async def test_a_domain_refusal_keeps_its_specifics_beside_the_chinese(api: Api) -> None:
    body = p.upload(72, residence_region="139999")  # no such county
    response = await api.http.post(UPLOAD, json=body, headers=p.HOSPITAL)
    problem = response.json()
    assert (response.status_code, problem["code"]) == (422, "validation_error")
    assert problem["title"] == "请求有误" and "residence_region" in problem["detail"]
    assert problem["errors"][0]["field"] == "residence_region"
    assert "139999" in problem["errors"][0]["message_en"]
    assert problem["errors"][0]["message"] == "139999 不是现行有效的县级行政区划代码"


async def test_a_domain_rule_names_its_refusal_in_chinese_and_in_english(api: Api) -> None:
    case = await api.post(UPLOAD, p.upload(73), p.HOSPITAL, 201)
    inst = p.institution("inst-a")
    path = f"/v1/cases/{case['case_id']}"
    await api.post(f"{path}/dispatch", {"institution_id": "inst-a"}, p.PLATFORM)
    await api.post(f"{path}/acceptance", {"accepted": True}, inst)
    team = {**p.EVALUATION, "team": [{"name": "王", "profession": "nurse"}]}
    chinese = (await api.http.post(f"{path}/evaluations", json=team, headers=inst)).json()
    assert chinese["errors"][0]["field"] == "team"
    assert chinese["errors"][0]["message"].startswith("评估团队至少两人")
    assert "psychiatrist" in chinese["errors"][0]["message_en"]
    english = (await api.http.post(f"{path}/evaluations", json=team,
                                   headers={**inst, "Accept-Language": "en"})).json()
    assert english["errors"][0]["message"].startswith("the team must name")
    assert "message_zh" not in english["errors"][0]


async def test_a_401_says_how_to_authenticate_in_the_callers_language(api: Api) -> None:
    missing = await api.http.get("/v1/cases")
    assert missing.status_code == 401
    assert missing.headers["www-authenticate"] == 'Bearer realm="jingkang"'
    assert missing.json()["title"] == "需要登录"
    expired = jwt.encode({"sub": "u", "role": "auditor", "org_id": "a", "region": "130000",
                          "iat": int(time.time()) - 7200, "exp": int(time.time()) - 3600}, SECRET, algorithm="HS256")
    answer = await api.http.get("/v1/cases", headers={"Authorization": f"Bearer {expired}",
                                                      "Accept-Language": "en"})
    assert answer.status_code == 401
    assert answer.headers["www-authenticate"] == 'Bearer realm="jingkang", error="invalid_token"'
    assert answer.json()["title"] == "Invalid token" and "expired" in answer.json()["detail"]
    chinese = await api.http.get("/v1/cases", headers={"Authorization": f"Bearer {expired}"})
    assert chinese.json()["detail"].startswith("令牌无法验证")
    assert "expired" in chinese.json()["detail_en"]


def test_accept_language_is_read_with_its_qualities() -> None:
    assert not prefers_english(None) and not prefers_english("")
    assert prefers_english("en-GB") and prefers_english("de, en;q=0.5")
    assert not prefers_english("en;q=0.5, zh;q=0.5")  # a tie goes to Chinese
    assert not prefers_english("en;q=bad, zh")


_RAISED = (re.compile(r'\bcode = "([a-z_]+)"'),
           re.compile(r'Problem\(\s*\d{3},\s*"([a-z_]+)"'),
           re.compile(r'^\s+"([a-z_]+)": \(\d{3}, "', re.M))


def test_every_code_the_source_answers_is_in_the_catalogue() -> None:
    raised = set()
    for folder in ("services", "libs"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for pattern in _RAISED:
                raised |= set(pattern.findall(text))
    raised -= {"domain_error", "registry_error"}  # base classes' placeholders
    assert raised - set(CODES) - set(RETIRED) == set()
    assert {"validation_error", "consent_required", "invalid_token"} <= raised


def test_docs_errors_md_is_the_catalogue() -> None:
    assert (ROOT / "docs" / "errors.md").read_text(encoding="utf-8") == catalogue(), (
        "regenerate with: .venv/bin/python tools/error_catalogue.py")


async def test_one_answer_names_every_bad_field_the_schema_and_the_domain_would(api: Api) -> None:
    body = p.upload(73, residence_region="139999")  # no such county: the domain's check
    body["assessment_kind"] = "telepathy"  # the schema's check
    body["person"]["id_number"] = body["person"]["id_number"][:-1] + (
        "0" if body["person"]["id_number"][-1] != "0" else "1")  # a wrong check digit
    response = await api.http.post(UPLOAD, json=body, headers=p.HOSPITAL)
    assert response.status_code == 422
    fields = {e["field"]: e["message"] for e in response.json()["errors"]}
    assert {"assessment_kind", "residence_region", "person.id_number"} <= set(fields)
    assert "139999" in fields["residence_region"] and "县级行政区划代码" in fields["residence_region"]


def test_every_refusal_of_a_field_in_the_domain_carries_its_chinese() -> None:
    import ast

    missing = []
    for path in sorted((ROOT / "services/referral/domain").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call):
                keywords = {k.arg for k in node.exc.keywords}
                if "field" in keywords and "zh" not in keywords:
                    missing.append(f"{path.name}:{node.lineno}")
    assert missing == []
