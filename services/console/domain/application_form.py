"""The social worker's application form (自愿申请 / 登记申请) → the API's body.

A social worker registers a self-application (the person or the guardian applies) or a
third-party report (a committee, an enterprise, a social organisation, an individual); a
reporter account can only report.  Who reports is asked for a report and only then, as the
API asks."""

from __future__ import annotations

from datetime import date
from typing import Any

from jingkang.common.domain import enum_labels as labels

from .person_form import (GIVERS, PERSON_OPTIONAL, PERSON_REQUIRED, consents_of, person_of,
                          required_missing, stripped)

# The channels a social worker registers (a medical referral is the hospital's upload).
CHANNELS = {key: text for key, text in labels.CHANNELS.items() if key != "medical"}
REPORTER_KINDS = labels.REPORTER_KINDS
REQUIRED = {**PERSON_REQUIRED, "channel": "申请渠道", "needs": "康复需求",
            "applied_on": "申请日期"}
REPORTER = ("reporter_kind", "reporter_name")


def channels_for(role: str) -> dict[str, str]:
    """A reporter reports; a social worker registers every kind of application."""
    return {"third_party": CHANNELS["third_party"]} if role == "reporter" else CHANNELS


def _date_problem(name: str, text: str, today: date) -> dict[str, str]:
    try:
        given = date.fromisoformat(text)
    except ValueError:
        return {name: "日期格式应为 2026-12-04"}
    return {name: "申请日期不能晚于今天"} if given > today else {}


def application_body(form: dict[str, Any], today: date, role: str = "social_worker"
                     ) -> tuple[dict[str, Any], dict[str, str]]:
    value = stripped(form, (*REQUIRED, *PERSON_OPTIONAL, *REPORTER))
    errors = required_missing(value, REQUIRED)
    person, person_errors = person_of(value, today)
    errors.update(person_errors)
    channel = value["channel"]
    if channel and channel not in channels_for(role):
        errors["channel"] = "请选择" + "、".join(channels_for(role).values())
    if channel == "third_party":
        if value["reporter_kind"] not in REPORTER_KINDS:
            errors["reporter_kind"] = "登记申请须注明报告方类型"
    if value["applied_on"]:
        errors.update(_date_problem("applied_on", value["applied_on"], today))
    body: dict[str, Any] = {
        "channel": channel, "person": person, "residence_region": value["residence_region"],
        "needs": value["needs"], "applied_on": value["applied_on"],
        "consents": consents_of(form, "share_with_institution",
                                value["applied_on"] or today.isoformat())}
    if channel == "third_party":
        body["reporter_kind"] = value["reporter_kind"]
        if value["reporter_name"]:
            body["reporter_name"] = value["reporter_name"]
    return body, errors


__all__ = ["CHANNELS", "GIVERS", "REPORTER_KINDS", "application_body", "channels_for"]
