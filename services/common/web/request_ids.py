"""One request id per request: the caller's ``X-Request-ID`` when it is safe to repeat
(1–100 of A–Z a–z 0–9 . _ : -), else a new one.  The id is put back on the request (so the
command metadata and the access log read the same one), answered in ``X-Request-ID``, and
held in ``current_request_id`` for every log line written while the request runs."""

from __future__ import annotations

import contextvars
import re
import uuid
from typing import Any

SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")
HEADER = b"x-request-id"
current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None)


def request_id_of(value: str | None) -> str:
    return value if value and SAFE_ID.match(value) else str(uuid.uuid4())


class RequestIds:
    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = next((v.decode("latin-1") for k, v in scope.get("headers", ()) if k == HEADER),
                     None)
        request_id = request_id_of(given)
        if given != request_id:
            scope = {**scope, "headers": [*(h for h in scope.get("headers", ()) if h[0] != HEADER),
                                          (HEADER, request_id.encode())]}
        token = current_request_id.set(request_id)

        async def answer(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = [h for h in message.get("headers", ()) if h[0].lower() != HEADER]
                message = {**message, "headers": [*headers, (HEADER, request_id.encode())]}
            await send(message)

        try:
            await self.app(scope, receive, answer)
        finally:
            current_request_id.reset(token)
