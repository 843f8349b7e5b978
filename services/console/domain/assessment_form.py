"""The hospital's upload form (医疗机构评估转介) → the API's body."""

from __future__ import annotations

from datetime import date
from typing import Any

from .person_form import (GIVERS, PERSON_OPTIONAL, PERSON_REQUIRED, consents_of,
                          id_number_problem, person_of, required_missing, stripped)

__all__ = ["assessment_body", "id_number_problem"]

REQUIRED = {
    **PERSON_REQUIRED, "assessment_kind": "评估类型", "assessed_on": "评估日期",
    "diagnosis": "诊断", "risk_level": "危险性评估等级", "recommendation": "社区康复建议",
}


def assessment_body(form: dict[str, Any], today: date) -> tuple[dict[str, Any], dict[str, str]]:
    value = stripped(form, (*REQUIRED, *PERSON_OPTIONAL))
    errors = required_missing(value, REQUIRED)
    person, person_errors = person_of(value, today)
    errors.update(person_errors)
    if not all(form.get(box) for box in GIVERS):
        errors["consents"] = "须经患者本人及监护人同意后方可上传"
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
            "consents": consents_of(form, "referral_upload", given_on)}
    if form.get("consent.share"):
        body["consents"] += [{"purpose": "share_with_institution", "given_by": giver,
                              "given_on": given_on} for giver in GIVERS.values()]
    return body, errors
