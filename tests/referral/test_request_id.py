"""A command's events carry the request id its answer and log lines carry: the caller's
X-Request-ID when it is usable, otherwise the one the service made for the request."""

from __future__ import annotations

import re

from . import payloads as p
from .conftest import Api


async def _upload(api: Api, serial: int, **headers: str) -> tuple[str, str]:
    response = await api.http.post("/v1/referrals/medical-assessments", json=p.upload(serial),
                                   headers={**p.HOSPITAL, **headers})
    assert response.status_code == 201, response.text
    return response.json()["case_id"], response.headers["x-request-id"]


async def _recorded_ids(api: Api, case_id: str) -> set[str]:
    history = await api.get(f"/v1/cases/{case_id}/events", p.AUDITOR)
    return {e["metadata"]["request_id"] for e in history["events"]}


async def test_the_events_carry_the_answers_request_id(api: Api) -> None:
    case_id, echoed = await _upload(api, 1, **{"X-Request-ID": "intake-2026.12:7"})
    assert echoed == "intake-2026.12:7"
    assert await _recorded_ids(api, case_id) == {"intake-2026.12:7"}

    for headers in ({}, {"X-Request-ID": "not safe/<x>"}):
        case_id, made = await _upload(api, 2 + len(headers), **headers)
        assert re.fullmatch(r"[0-9a-f-]{36}", made)
        assert await _recorded_ids(api, case_id) == {made}
