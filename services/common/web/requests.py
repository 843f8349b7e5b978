"""What every command request carries besides its body — request and correlation ids, the
Idempotency-Key with the hash of the request it was first used for, and If-Match — and how its
answer goes back, with ETag and Location (API.md)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Annotated

from fastapi import Depends, Header
from fastapi.responses import Response
from pydantic import AfterValidator, BaseModel

from jingkang.common.application.answers import Answer
from jingkang.common.application.request_meta import MAX_VERSION, RequestMeta, request_hash
from jingkang.common.web.problems import Problem
from jingkang.common.web.request_ids import request_id_of

def _request_id(value: str | None) -> str:
    return request_id_of(value)


def _version(if_match: str | None) -> int | None:
    if if_match is None:
        return None
    text = if_match.strip().removeprefix("W/").strip('"')
    if not (text.isascii() and text.isdigit() and int(text) <= MAX_VERSION):
        raise Problem(422, "validation_error", "Invalid request", "If-Match must be \"<version>\"",
                      errors=[{"field": "If-Match", "message": (
                          f"expected an ETag like \"3\" (a version up to {MAX_VERSION})")}])
    return int(text)


async def request_meta(
    idempotency_key: Annotated[str | None, Header(
        max_length=200, description="幂等键 retries with the same key and body get the first answer")] = None,
    if_match: Annotated[str | None, Header(
        max_length=20,
        description="版本 the ETag (\"<version>\") the command was decided against")] = None,
    x_request_id: Annotated[str | None, Header(max_length=200, description=(
        "请求标识 request id: 1–100 of A–Z a–z 0–9 . _ : - (else a new one is made)"))] = None,
    x_correlation_id: Annotated[str | None, Header(max_length=200, description=(
        "关联标识 correlation id, like the request id"))] = None,
) -> RequestMeta:
    request_id = _request_id(x_request_id)
    return RequestMeta(request_id=request_id,
                       correlation_id=_request_id(x_correlation_id or request_id),
                       idempotency_key=idempotency_key, if_match=_version(if_match))


Meta = Annotated[RequestMeta, Depends(request_meta)]


def with_body_hash(meta: RequestMeta, method: str, path: str, body: BaseModel | bytes) -> RequestMeta:
    """The request's hash, for Idempotency-Key checks (computed only when a key was sent)."""
    if meta.idempotency_key is None:
        return meta
    raw = body if isinstance(body, bytes) else body.model_dump_json().encode()
    return replace(meta, request_hash=request_hash(method, path, raw))


def as_response(answer: Answer) -> Response:
    headers = {"ETag": f'"{answer.version}"'}
    if answer.location:
        headers["Location"] = answer.location
    return Response(answer.body, status_code=answer.status_code, media_type="application/json",
                    headers=headers)


def plausible_time(moment: datetime | None) -> datetime | None:
    """A time with an offset within 2000–2100 (beyond that, date arithmetic overflows)."""
    if moment is None:
        return None
    if moment.tzinfo is None:
        raise ValueError("needs a time zone offset (RFC 3339)")
    if not 2000 <= moment.year <= 2100:
        raise ValueError("must lie between the years 2000 and 2100")
    return moment


def plausible_date(day: date | None) -> date | None:
    if day is not None and not 2000 <= day.year <= 2100:
        raise ValueError("must lie between the years 2000 and 2100")
    return day


PlausibleTime = Annotated[datetime | None, AfterValidator(plausible_time)]
PlausibleDate = Annotated[date | None, AfterValidator(plausible_date)]
