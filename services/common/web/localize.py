"""Problem documents in the caller's language: Chinese by default, English when the request's
``Accept-Language`` prefers English (API.md, Conventions).

Every refusal is built in English with a stable ``code`` (and, for the framework's field
checks, a Chinese message beside each English one).  This outermost layer rewrites only
``application/problem+json`` answers, whoever wrote them (a route, a handler, the hardened
edge, the 500 handler): ``title`` from the catalogue (``error_codes.py``), ``detail`` and each
field ``message`` in the chosen language.  In Chinese the English specifics stay readable as
``detail_en`` and ``message_en``.  Every other answer passes through untouched.
"""

from __future__ import annotations

import json
from typing import Any

from jingkang.common.web.error_codes import CODES, RETIRED, known, problem_type

PROBLEM = b"application/problem+json"
SUPPORTED = ("zh", "en")


def prefers_english(header: str | None) -> bool:
    """Whether ``Accept-Language`` ranks English above Chinese (q-values honoured; Chinese
    when neither is named, or on a tie)."""
    best: dict[str, float] = {}
    for part in (header or "").split(","):
        tag, _, params = part.strip().partition(";")
        language = tag.strip().lower().split("-")[0]
        if language not in SUPPORTED:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        best[language] = max(best.get(language, 0.0), quality)
    return best.get("en", 0.0) > best.get("zh", 0.0)


def localize(body: dict[str, Any], english: bool) -> dict[str, Any]:
    code = str(body.get("code", ""))
    if code in RETIRED:  # an earlier version's code, answered as the code that replaced it
        code = body["code"] = RETIRED[code]
        body["type"] = problem_type(code)
    entry = known(code)
    errors = body.get("errors")
    if english:
        if code in CODES:
            body["title"] = entry.title_en
        for error in errors if isinstance(errors, list) else ():
            if isinstance(error, dict):
                error.pop("message_zh", None)
        return body
    body["title"] = entry.title_zh
    english_detail = body.get("detail")
    if isinstance(errors, list) and errors and code == "validation_error":
        fields = "、".join(str(e.get("field", "")) for e in errors if isinstance(e, dict))
        body["detail"] = f"以下字段有误：{fields}"
    else:
        body["detail"] = entry.meaning_zh
    if english_detail:
        body["detail_en"] = english_detail
    for error in errors if isinstance(errors, list) else ():
        if not isinstance(error, dict):
            continue
        chinese = error.pop("message_zh", None)
        error["message_en"] = error.get("message", "")
        if chinese is None:
            chinese = entry.meaning_zh if code != "validation_error" else "取值不被接受"
        error["message"] = chinese
    return body


class LocalizedProblems:
    """The ASGI layer: buffers a problem document (small), rewrites it, fixes its length."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        english = prefers_english(_header(scope, b"accept-language"))
        held: dict[str, Any] = {}
        chunks: list[bytes] = []

        async def rewrite(message: Any) -> None:
            if message["type"] == "http.response.start":
                if _header(message, b"content-type", "").encode().startswith(PROBLEM):
                    held["start"] = message
                    return
                await send(message)
                return
            if "start" not in held or message["type"] != "http.response.body":
                await send(message)
                return
            chunks.append(message.get("body", b""))
            if message.get("more_body"):
                return
            await _send_localized(send, held["start"], b"".join(chunks), english)

        await self.app(scope, receive, rewrite)


async def _send_localized(send: Any, start: Any, raw: bytes, english: bool) -> None:
    try:
        body = json.loads(raw)
        data = json.dumps(localize(body, english), ensure_ascii=False,
                          separators=(",", ":")).encode() if isinstance(body, dict) else raw
    except ValueError:
        data = raw
    headers = [(k, v) for k, v in start.get("headers", ())
               if k.lower() not in (b"content-length", b"content-language")]
    headers += [(b"content-length", str(len(data)).encode()),
                (b"content-language", b"en" if english else b"zh-CN")]
    await send({**start, "headers": headers})
    await send({"type": "http.response.body", "body": data})


def _header(holder: Any, name: bytes, default: str | None = None) -> Any:
    for key, value in holder.get("headers", ()):
        if key.lower() == name:
            return value.decode("latin-1")
    return default
