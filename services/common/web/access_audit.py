"""Recording watched reads and refusals in the access log, and reading it back for auditors."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from jingkang_events import DatabaseUnavailable

from jingkang.common.adapters.access_log import (
    REFUSALS_LOGGED, AccessLog, Entry, Watched, classify,
)
from jingkang.common.web.auth import principal_of, require_roles
from jingkang.common.web.rate_limit import TokenBuckets
from jingkang.common.web.problems import unavailable
from jingkang.common.web.requests import PlausibleTime


class UnauthenticatedEntries:
    """How many entries calls without a valid token may write: ``per_minute`` per client
    address (a token bucket of that size).  Anyone can send such calls, each entry stays at
    least 180 days, and a made-up token costs nothing: unbounded, they would fill the table.
    The entries beyond the budget are counted (``on_skip``), not written."""

    def __init__(self, per_minute: int, *, max_clients: int = 10_000) -> None:
        self.buckets = TokenBuckets(per_second=per_minute / 60, burst=per_minute,
                                    max_clients=max_clients)
        self.on_skip: Callable[[], None] = lambda: None

    def admit(self, client: str | None) -> bool:
        if self.buckets.take(client or "unknown", time.monotonic()) == 0:
            return True
        self.on_skip()
        return False


class AccessLogMiddleware:
    """Writes the entry before the answer's first byte leaves, so no logged read goes unseen;
    when the entry cannot be written (the database is away), the answer is a 503 instead."""

    def __init__(self, app: Any, *, reads: Sequence[Watched],
                 unauthenticated: UnauthenticatedEntries) -> None:
        self.app, self.reads, self.unauthenticated = app, tuple(reads), unauthenticated

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        replaced = False

        async def send_logged(message: Any) -> None:
            nonlocal replaced
            if message["type"] == "http.response.start":
                try:
                    await self._note(scope, message["status"])
                except DatabaseUnavailable:
                    replaced = True
                    await unavailable()(scope, receive, send)
            if not replaced:
                await send(message)

        await self.app(scope, receive, send_logged)

    async def _note(self, scope: Any, status: int) -> None:
        if scope["method"] != "GET" and status not in REFUSALS_LOGGED:
            return  # a command's answer: never logged, so its token need not be looked at
        principal = await principal_of(scope)
        hit = classify(scope["method"], scope["path"], status,
                       principal.role if principal else None, self.reads)
        if hit is None:
            return
        client = scope.get("client")
        address = client[0] if client else None
        if principal is None and not self.unauthenticated.admit(address):
            return
        headers = dict(scope.get("headers") or ())
        await AccessLog(scope["app"].state.runtime.db).record(Entry(
            at=datetime.now(UTC), actor_id=principal.sub if principal else None,
            role=principal.role if principal else None,
            org_id=principal.org_id if principal else None, method=scope["method"],
            path=scope["path"], object_type=hit[0], object_id=hit[1], status=status,
            client=address,
            request_id=headers.get(b"x-request-id", b"").decode("latin-1") or None))


class AccessEntryOut(BaseModel):
    id: int = Field(description="序号 entry number, ascending in time")
    at: str = Field(description="时间 when (RFC 3339)")
    actor_id: str | None = Field(description="访问者 the token's subject; null if unauthenticated")
    role: str | None = Field(description="角色 role")
    org_id: str | None = Field(description="机构 organisation")
    method: str = Field(description="方法 HTTP method")
    path: str = Field(description="路径 what was asked for")
    object_type: str | None = Field(description="对象类型 case, events, archive …")
    object_id: str | None = Field(description="对象标识 the case, person or institution")
    status: int = Field(description="状态码 the answer's status")
    outcome: str = Field(description="结果 success or refused")
    client: str | None = Field(description="来源地址 the caller's address")
    request_id: str | None = Field(description="请求标识 the request's id, if it sent one")


class AccessLogOut(BaseModel):
    items: list[AccessEntryOut] = Field(description="条目 newest first")
    next_cursor: str | None = Field(description="下一页游标 pass as `cursor`; null on the last page")


def access_log_router() -> APIRouter:
    router = APIRouter(tags=["audit"])

    @router.get("/v1/audit/access-log", response_model=AccessLogOut,
                operation_id="read_access_log", summary="访问日志 The access log",
                dependencies=[Depends(require_roles(("auditor",)))])
    async def read_access_log(
        request: Request,
        actor: Annotated[str | None, Query(max_length=200, description="访问者 actor id")] = None,
        case: Annotated[str | None, Query(max_length=100, description=(
            "对象 a case, person or institution id"))] = None,
        outcome: Annotated[str | None, Query(pattern="^(success|refused)$",
                                             description="结果 success or refused")] = None,
        since: Annotated[PlausibleTime, Query(description="起 at or after (RFC 3339)")] = None,
        until: Annotated[PlausibleTime, Query(description="止 before (RFC 3339)")] = None,
        cursor: Annotated[str | None, Query(pattern=r"^\d{1,18}$",
                                            description="游标 from `next_cursor`")] = None,
        limit: Annotated[int, Query(ge=1, le=500, description="每页 page size")] = 100,
    ) -> JSONResponse:
        """Who read or tried to read what, when and from where, newest first (auditors)."""
        log = AccessLog(request.app.state.runtime.db)
        items = await log.query({"actor_id": actor, "object_id": case, "outcome": outcome,
                                 "since": since, "until": until},
                                int(cursor) if cursor else None, limit + 1)
        next_cursor = str(items[limit - 1]["id"]) if len(items) > limit else None
        return JSONResponse({"items": items[:limit], "next_cursor": next_cursor})

    return router
