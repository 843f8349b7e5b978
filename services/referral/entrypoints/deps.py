"""Request-scoped inputs: the acting principal, request ids, Idempotency-Key and If-Match."""

from __future__ import annotations

import re
import uuid
from typing import Annotated, Any

from fastapi import Depends, Header, Request

from jingkang.common.auth import CurrentPrincipal
from jingkang.common.problems import Problem

from ..application.service import CaseService, RequestMeta, request_hash
from ..domain.lifecycle import MOVES, Actor

_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]{1,100}$")


async def actor_of(principal: CurrentPrincipal) -> Actor:
    return Actor(principal.sub, principal.role, principal.org_id, principal.region)


CurrentActor = Annotated[Actor, Depends(actor_of)]


async def service_of(request: Request) -> CaseService:
    return request.app.state.runtime.cases


Service = Annotated[CaseService, Depends(service_of)]


def roles_for(action: str) -> tuple[str, ...]:
    return tuple(dict.fromkeys(r.value for m in MOVES if m.action == action for r in m.roles))


def require_action(action: str):  # noqa: ANN201 - a FastAPI dependency
    allowed = roles_for(action)

    async def check(actor: CurrentActor) -> Actor:
        if actor.role not in allowed:
            raise Problem(403, "forbidden_role", "Role not allowed",
                          f"role {actor.role!r} may not take action {action!r}; "
                          f"allowed: {', '.join(allowed)}")
        return actor

    return check


def _request_id(value: str | None) -> str:
    return value if value and _SAFE_ID.match(value) else str(uuid.uuid4())


def _version(if_match: str | None) -> int | None:
    if if_match is None:
        return None
    text = if_match.strip().removeprefix("W/").strip('"')
    if not text.isdigit():
        raise Problem(422, "validation_error", "Invalid request", "If-Match must be \"<version>\"",
                      errors=[{"field": "If-Match", "message": "expected an ETag like \"3\""}])
    return int(text)


async def request_meta(
    request: Request,
    idempotency_key: Annotated[str | None, Header(
        max_length=200, description="幂等键 retries with the same key and body get the first answer")] = None,
    if_match: Annotated[str | None, Header(
        description="版本 the ETag (\"<version>\") the command was decided against")] = None,
    x_request_id: Annotated[str | None, Header(description="请求标识 request id")] = None,
    x_correlation_id: Annotated[str | None, Header(description="关联标识 correlation id")] = None,
) -> RequestMeta:
    request_id = _request_id(x_request_id)
    return RequestMeta(request_id=request_id,
                       correlation_id=_request_id(x_correlation_id or request_id),
                       idempotency_key=idempotency_key, if_match=_version(if_match),
                       request_hash="")


Meta = Annotated[RequestMeta, Depends(request_meta)]


def with_body_hash(meta: RequestMeta, method: str, path: str, body: Any) -> RequestMeta:
    """The request's hash, for Idempotency-Key checks (computed only when a key was sent)."""
    if meta.idempotency_key is None:
        return meta
    body_json = body.model_dump_json()
    return RequestMeta(meta.request_id, meta.correlation_id, meta.idempotency_key,
                       request_hash(method, path, body_json.encode()), meta.if_match)
