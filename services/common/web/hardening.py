"""The services' edge: security headers, CORS, what characters a request may carry, limits
on the request body's size and time, and per-client rate limits.

All plain ASGI: ``BaseHTTPMiddleware`` would add a task group and a streamed copy of every
response (see ``ops._RequestMetrics``).
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Collection
from typing import Any
from urllib.parse import parse_qsl

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from jingkang.common.domain.text import refused_character
from jingkang.common.settings import CommonSettings
from jingkang.common.web.asgi_scope import header, path_in_app
from jingkang.common.web.docs_assets import DOCS_PATHS
from jingkang.common.web.localize import LocalizedProblems
from jingkang.common.web.request_ids import RequestIds
from jingkang.common.web.problems import Problem, problem_response
from jingkang.common.web.rate_limit import install_rate_limit

API_CSP = "default-src 'none'; frame-ancestors 'none'"
# /docs and /redoc load Swagger UI and ReDoc from the service itself (docs_assets.py) and
# start them with inline scripts; nothing comes from another host.
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline'; "
            "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
            "connect-src 'self'; worker-src blob:; frame-ancestors 'none'")
HSTS = "max-age=31536000; includeSubDomains"

CORS_METHODS = ("GET", "POST", "PUT", "PATCH")
CORS_HEADERS = ("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "X-Request-ID",
                "X-Correlation-ID")
CORS_EXPOSED = ("ETag", "Location", "Retry-After")

# Where a body may be as large as an import: CSV imports, scans of signed report forms.
LARGE_BODIES = ("/imports", "/report-scans")
# Header values may hold a tab (RFC 9110 field-value), no other control character.
_HEADER_CONTROL = re.compile(rb"[\x00-\x08\x0a-\x1f\x7f]")


class SecurityHeaders:
    """Adds the security headers to every response a route has not set them on."""

    def __init__(self, app: Any, *, hsts: bool, docs_paths: Collection[str]) -> None:
        common = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"),
                  (b"referrer-policy", b"no-referrer"), (b"cache-control", b"no-store"),
                  (b"cross-origin-resource-policy", b"same-origin")]
        if hsts:
            common.append((b"strict-transport-security", HSTS.encode()))
        self.app, self.docs_paths = app, frozenset(docs_paths)
        self.api = [*common, (b"content-security-policy", API_CSP.encode())]
        self.docs = [*common, (b"content-security-policy", DOCS_CSP.encode())]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = self.docs if path_in_app(scope) in self.docs_paths else self.api

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", ()))
                present = {name.lower() for name, _ in headers}
                headers += [h for h in extra if h[0] not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class ServiceApp(FastAPI):
    """FastAPI with the security headers as its outermost layer: Starlette answers unhandled
    errors (500) in ServerErrorMiddleware, which sits outside every added middleware."""

    hsts = False

    def build_middleware_stack(self) -> Any:
        return SecurityHeaders(RequestIds(LocalizedProblems(super().build_middleware_stack())),
                               hsts=self.hsts, docs_paths=list(DOCS_PATHS))


class _BodyRefused(Exception):
    """Raised from ``receive`` once a body is too large or too slow: stop reading it."""


def _too_large(limit: int) -> Any:
    return problem_response(Problem(413, "payload_too_large", "Payload too large",
                                    f"the request body may be at most {limit} bytes"))


def _too_slow(seconds: float) -> Any:
    return problem_response(Problem(
        408, "request_timeout", "Request timeout",
        f"the request body must arrive in full within {seconds:g} s",
        headers={"Connection": "close"}))


def _invalid(field: str, message: str) -> Any:
    return problem_response(Problem(422, "validation_error", "Invalid request",
                                    f"invalid: {field}",
                                    errors=[{"field": field, "message": message}]))


def _refused_part(scope: Any) -> tuple[str, str] | None:
    """(field, why) for the first path, query parameter or header holding a character that
    no id, filter or header may hold (NUL, other control characters, lone surrogates)."""
    reason = refused_character(scope["path"])
    if reason is not None:
        return "path", reason
    query = scope.get("query_string", b"").decode("latin-1")
    for name, value in parse_qsl(query, keep_blank_values=True):
        reason = refused_character(name) or refused_character(value)
        if reason is not None:
            return (name if refused_character(name) is None else "query"), reason
    for name, value in scope["headers"]:
        match = _HEADER_CONTROL.search(value)
        if match is not None:
            return (name.decode("latin-1"),
                    f"a control character U+{match[0][0]:04X} is not allowed here")
    return None


class RefuseControlCharacters:
    """NUL, other control characters and lone surrogates are never part of an id, a filter
    or a header, and PostgreSQL text cannot hold NUL: refuse them at the door (422 naming the
    parameter) instead of failing deeper in.  Bodies are checked by their models
    (``text.CheckedStrings``)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        refused = _refused_part(scope) if scope["type"] == "http" else None
        if refused is None:
            await self.app(scope, receive, send)
            return
        await _invalid(*refused)(scope, receive, send)


class BodyLimit:
    """Refuses a body over the size limit with 413 — at once when Content-Length says so,
    else as soon as the bytes read pass it — and one not received in full within the time
    limit with 408: a client sending its body byte by byte would otherwise hold a connection
    and a worker for ever.  The route never sees such a body."""

    def __init__(self, app: Any, *, max_bytes: int, max_import_bytes: int,
                 timeout_seconds: float) -> None:
        self.app, self.max_bytes, self.max_import_bytes = app, max_bytes, max_import_bytes
        self.timeout = timeout_seconds

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_import_bytes if path_in_app(scope).endswith(LARGE_BODIES) else self.max_bytes
        declared = header(scope, b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
        else:
            await self._guarded(scope, receive, send, limit)

    async def _guarded(self, scope: Any, receive: Any, send: Any, limit: int) -> None:
        deadline = asyncio.get_running_loop().time() + self.timeout
        received, complete, started = 0, False, False
        refusal: Any = None

        async def checked_receive() -> Any:
            nonlocal received, complete, refusal
            if complete:  # the body is in: what follows (a disconnect) may take any time
                return await receive()
            try:
                async with asyncio.timeout_at(deadline):
                    message = await receive()
            except TimeoutError:
                refusal = _too_slow(self.timeout)
                raise _BodyRefused from None
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:  # only without Content-Length: the server holds to it
                    refusal = _too_large(limit)
                    raise _BodyRefused
            complete = message["type"] != "http.request" or not message.get("more_body")
            return message

        async def tracking_send(message: Any) -> None:
            nonlocal started
            if refusal is not None and not started:
                return  # whatever the route made of the cut-off body: the refusal goes instead
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, checked_receive, tracking_send)
        except Exception:  # ours, or the route's wrapping of it (FastAPI turns it into a 400)
            if refusal is None or started:
                raise
        if refusal is not None and not started:
            await refusal(scope, receive, send)


def install_hardening(app: ServiceApp, settings: CommonSettings) -> None:
    """Added before the request metrics, so those count the 413s and 429s too."""
    app.hsts = settings.hsts
    app.add_middleware(RefuseControlCharacters)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes,
                       max_import_bytes=settings.max_import_bytes,
                       timeout_seconds=settings.body_timeout_seconds)
    if settings.rate_limit_enabled:
        install_rate_limit(app, settings)
    if settings.cors_origins:  # outermost: refusals carry CORS headers, so browsers can read them
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=CORS_METHODS, allow_headers=CORS_HEADERS,
                           expose_headers=CORS_EXPOSED, max_age=600)
