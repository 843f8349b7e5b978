"""Handler results as HTTP answers: the status, the Location and the JSON text."""

from __future__ import annotations

import json
from typing import Any

from jingkang.common.application.answers import Answer

from ..application.ports import Outcome, Result


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)


class HttpAnswers:
    """The registry's ``AnswerWriter``."""

    def answer(self, result: Result) -> Answer:
        body = as_json(result.view)
        if result.outcome is Outcome.REGISTERED:
            return Answer(201, body, result.version, f"/v1/institutions/{result.institution_id}",
                          result.institution_id)
        if result.outcome is Outcome.IMPORTED:
            return Answer(201, body, result.version, "/v1/institutions")
        if result.outcome is Outcome.SUBMITTED:
            view = result.view
            return Answer(201, body, result.version,
                          f"/v1/reports/{view['region']}/{view['period']}/versions/"
                          f"{view['latest_version']}?form={view['form']}")
        if result.outcome is Outcome.STORED:
            return Answer(201, body, result.version, f"/v1/report-scans/{result.view['sha256']}")
        return Answer(200, body, result.version, None, result.institution_id)
