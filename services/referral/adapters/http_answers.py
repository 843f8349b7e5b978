"""Handler results as HTTP answers: the status, the Location and the JSON text."""

from __future__ import annotations

import json
from typing import Any

from jingkang.common.application.answers import Answer

from ..application.ports import Outcome, Result
from ..application.views import person_view


def as_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class HttpAnswers:
    """The referral service's ``AnswerWriter``."""

    def answer(self, result: Result) -> Answer:
        body = as_json(result.view)
        if result.outcome is Outcome.CREATED:
            return Answer(201, body, result.version, f"/v1/cases/{result.case_id}",
                          result.case_id)
        return Answer(200, body, result.version, None, result.case_id)

    def as_seen_now(self, body: str, person_in_full: bool) -> str:
        """A first answer shown again: the very same text, unless the person must now show
        otherwise (masked for an institution the case has moved away from, or erased)."""
        shown = json.loads(body)
        person = person_view(shown.get("person"), person_in_full)
        if person == shown.get("person"):
            return body
        return as_json({**shown, "person": person})
