"""The hospital's upload form (医疗机构评估转介) → the API's body, the identity number checked
here too (check digit, birth date) so a mistyped one is named before anything is sent."""

from __future__ import annotations

from datetime import date
from typing import Any

from jingkang.common.domain.identity import InvalidIdentity, validate_id_number

from .refusals import in_chinese

REQUIRED = {
    "person.name": "姓名", "person.id_number": "身份证号码", "residence_region": "居住地行政区划代码",
    "assessment_kind": "评估类型", "assessed_on": "评估日期", "diagnosis": "诊断",
    "risk_level": "危险性评估等级", "recommendation": "社区康复建议",
}
OPTIONAL_PERSON = ("phone", "address")
CONSENTS = {"consent.patient": "patient", "consent.guardian": "guardian"}


def id_number_problem(value: str, today: date) -> str:
    """"" when the number is valid, else what is wrong, in Chinese."""
    try:
        validate_id_number(value, today=today)
    except InvalidIdentity as exc:
        return in_chinese(str(exc))
    return ""


def assessment_body(form: dict[str, Any], today: date) -> tuple[dict[str, Any], dict[str, str]]:
    value = {key: str(form.get(key, "")).strip() for key in (
        *REQUIRED, *(f"person.{k}" for k in OPTIONAL_PERSON), "person.guardian.name",
        "person.guardian.relation", "person.guardian.phone")}
    errors = {key: "此项必填" for key in REQUIRED if not value[key]}
    if value["person.id_number"] and (problem := id_number_problem(value["person.id_number"], today)):
        errors["person.id_number"] = problem
    if not all(form.get(box) for box in CONSENTS):
        errors["consents"] = "须经患者本人及监护人同意后方可上传"
    person: dict[str, Any] = {"name": value["person.name"], "id_number": value["person.id_number"]}
    person.update({k: value[f"person.{k}"] for k in OPTIONAL_PERSON if value[f"person.{k}"]})
    if value["person.guardian.name"] or value["person.guardian.relation"]:
        person["guardian"] = {k: value[f"person.guardian.{k}"]
                              for k in ("name", "relation", "phone") if value[f"person.guardian.{k}"]}
    try:
        risk = int(value["risk_level"]) if value["risk_level"] else 0
    except ValueError:
        errors["risk_level"] = "请填写0至5的整数"
        risk = 0
    given_on = value["assessed_on"] or today.isoformat()
    body = {"person": person, "residence_region": value["residence_region"],
            "assessment_kind": value["assessment_kind"], "assessed_on": value["assessed_on"],
            "diagnosis": value["diagnosis"], "risk_level": risk,
            "recommendation": value["recommendation"],
            "consents": [{"purpose": "referral_upload", "given_by": giver, "given_on": given_on}
                         for box, giver in CONSENTS.items() if form.get(box)]}
    if form.get("consent.share"):
        body["consents"] += [{"purpose": "share_with_institution", "given_by": giver,
                              "given_on": given_on} for giver in CONSENTS.values()]
    return body, errors
