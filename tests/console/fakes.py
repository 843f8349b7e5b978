"""A stand-in for the services' APIs in the fast tests: canned answers by path, every call
recorded (who asked, with which parameters)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jingkang.console.application.ports import ApiAnswer, ServiceApis
from jingkang.console.domain.accounts import Account

Answer = Callable[[dict[str, Any]], ApiAnswer]


class FakeApis(ServiceApis):
    def __init__(self, answers: dict[tuple[str, str], Answer]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, str, str, dict[str, Any]]] = []
        self.bodies: list[Any] = []  # the JSON sent with each call, in order

    async def call(self, account: Account, method: str, service: str, path: str, *,
                   params: dict[str, Any] | None = None, json: Any = None,
                   headers: dict[str, str] | None = None,
                   content: bytes | None = None) -> ApiAnswer:
        self.calls.append((account.username, service, path, dict(params or {})))
        self.bodies.append(json)
        answer = self.answers.get((service, path))
        if answer is None:
            return ApiAnswer(404, {"code": "not_found", "detail": path})
        return answer(dict(params or {}))

    async def close(self) -> None:
        return None


def case(case_id: str, state: str, updated_at: str, **extra: Any) -> dict[str, Any]:
    return {"case_id": case_id, "state": state, "channel": "medical", "person": {"name": case_id},
            "residence_region": "130102", "risk_level": 1, "deadlines": {},
            "updated_at": updated_at, **extra}
