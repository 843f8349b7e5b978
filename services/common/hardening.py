"""The services' edge: security headers, CORS, a request-body limit and per-client rate limits.

All plain ASGI: ``BaseHTTPMiddleware`` would add a task group and a streamed copy of every
response (see ``ops._RequestMetrics``).
"""

from __future__ import annotations

import hashlib
import math
import re
import time
from collections import OrderedDict
from collections.abc import Collection
from typing import Any

from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware

from .problems import Problem, problem_response
from .settings import CommonSettings

API_CSP = "default-src 'none'; frame-ancestors 'none'"
# /docs and /redoc load swagger-ui and redoc from a CDN and start them with inline scripts.
DOCS_CSP = ("default-src 'none'; script-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net; "
            "style-src 'self' 'unsafe-inline' https://cdn.jsdelivr.net "
            "https://fonts.googleapis.com; font-src https://fonts.gstatic.com; "
            "img-src 'self' data: https://fastapi.tiangolo.com https://cdn.redoc.ly; "
            "connect-src 'self'; worker-src blob:; frame-ancestors 'none'")
HSTS = "max-age=31536000; includeSubDomains"

CORS_METHODS = ("GET", "POST", "PUT", "PATCH")
CORS_HEADERS = ("Authorization", "Content-Type", "Idempotency-Key", "If-Match", "X-Request-ID",
                "X-Correlation-ID")
CORS_EXPOSED = ("ETag", "Location", "Retry-After")

# Probes and scrapes must answer under load.  Feed consumers long-poll /v1/events and, when
# catching up, read its pages back to back: limiting them would only delay projections.
RATE_LIMIT_EXEMPT = frozenset({"/healthz", "/readyz", "/metrics", "/v1/events"})
_BEARER_JWT = re.compile(rb"bearer +([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)",
                         re.IGNORECASE)


def _path(scope: Any) -> str:
    path, root = scope["path"], scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path


def _header(scope: Any, name: bytes) -> bytes | None:
    for key, value in scope["headers"]:
        if key == name:
            return value
    return None


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
        extra = self.docs if _path(scope) in self.docs_paths else self.api

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
        docs = [p for p in (self.docs_url, self.redoc_url, self.swagger_ui_oauth2_redirect_url)
                if p]
        return SecurityHeaders(super().build_middleware_stack(), hsts=self.hsts, docs_paths=docs)


class _BodyTooLarge(Exception):
    """Raised from ``receive`` once a streamed body passes the limit."""


def _too_large(limit: int) -> Any:
    return problem_response(Problem(413, "payload_too_large", "Payload too large",
                                    f"the request body may be at most {limit} bytes"))


class RefuseNul:
    """A NUL character is never part of an id or a filter, and PostgreSQL text cannot hold
    one: refuse it at the door (422 naming where it was) instead of failing deeper in."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            where = ("path" if "\x00" in scope["path"] else
                     "query" if b"%00" in scope.get("query_string", b"").lower() else None)
            if where is not None:
                await problem_response(Problem(
                    422, "validation_error", "Invalid request", f"a NUL character in the {where}",
                    errors=[{"field": where, "message": "NUL characters are not allowed"}]))(
                    scope, receive, send)
                return
        await self.app(scope, receive, send)


class BodyLimit:
    """Refuses bodies over the limit with 413: at once when Content-Length says so, else
    (chunked) as soon as the bytes read pass it; the route never sees such a body."""

    def __init__(self, app: Any, *, max_bytes: int, max_import_bytes: int) -> None:
        self.app, self.max_bytes, self.max_import_bytes = app, max_bytes, max_import_bytes

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.max_import_bytes if _path(scope).endswith("/imports") else self.max_bytes
        declared = _header(scope, b"content-length")
        if declared is None or not declared.isdigit():
            await self._streamed(scope, receive, send, limit)
        elif int(declared) > limit:
            await _too_large(limit)(scope, receive, send)
        else:  # the server's parser never delivers more than Content-Length
            await self.app(scope, receive, send)

    async def _streamed(self, scope: Any, receive: Any, send: Any, limit: int) -> None:
        received, exceeded, started = 0, False, False

        async def counting_receive() -> Any:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def tracking_send(message: Any) -> None:
            nonlocal started
            if exceeded and not started:
                return  # whatever the route made of the cut-off body: the 413 goes instead
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except Exception:  # ours, or the route's wrapping of it (FastAPI turns it into a 400)
            if not exceeded or started:
                raise
        if exceeded and not started:
            await _too_large(limit)(scope, receive, send)


class TokenBuckets:
    """Token buckets by client key, least recently used first, so idle ones go first."""

    def __init__(self, *, per_second: float, burst: int, max_clients: int) -> None:
        self.rate, self.burst, self.max_clients = per_second, burst, max_clients
        self.refill_seconds = burst / per_second  # idle this long, a bucket is full: forgettable
        self.table: OrderedDict[str, tuple[float, float]] = OrderedDict()  # key → tokens, time

    def take(self, key: str, now: float) -> float:
        """0 when the request may go, else the seconds until it may."""
        tokens, then = self.table.pop(key, (self.burst, now))
        tokens = min(self.burst, tokens + (now - then) * self.rate)
        wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
        self.table[key] = (tokens - 1 if wait == 0 else tokens, now)
        self._evict(now)
        return wait

    def _evict(self, now: float) -> None:
        table = self.table
        while table:
            key, (_, then) = next(iter(table.items()))
            if now - then < self.refill_seconds and len(table) <= self.max_clients:
                return
            del table[key]  # full again, or the table is at its bound: at worst a reset bucket


def client_key(scope: Any) -> str:
    """A hash of the bearer token when one looks like a JWT (verified later, by the route),
    else the client address.  Unverified claims are not used: anyone could spend another
    user's bucket by forging them."""
    match = _BEARER_JWT.fullmatch(_header(scope, b"authorization") or b"")
    if match:
        return "token:" + hashlib.blake2b(match[1], digest_size=16).hexdigest()
    client = scope.get("client")
    return "address:" + (client[0] if client else "unknown")


class RateLimit:
    """429 with Retry-After once a client's bucket is empty.  Buckets live in this process:
    behind a load balancer the limit applies per worker."""

    def __init__(self, app: Any, *, buckets: TokenBuckets) -> None:
        self.app, self.buckets = app, buckets

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or _path(scope) in RATE_LIMIT_EXEMPT:
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(client_key(scope), time.monotonic())
        if not wait:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        await problem_response(Problem(
            429, "rate_limited", "Too many requests", f"retry in {seconds} s",
            headers={"Retry-After": str(seconds)}))(scope, receive, send)


def install_hardening(app: ServiceApp, settings: CommonSettings) -> None:
    """Added before the request metrics, so those count the 413s and 429s too."""
    app.hsts = settings.hsts
    app.add_middleware(RefuseNul)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes,
                       max_import_bytes=settings.max_import_bytes)
    if settings.rate_limit_enabled:
        app.add_middleware(RateLimit, buckets=TokenBuckets(
            per_second=settings.rate_limit_per_second, burst=settings.rate_limit_burst,
            max_clients=settings.rate_limit_max_clients))
    if settings.cors_origins:  # outermost: refusals carry CORS headers, so browsers can read them
        app.add_middleware(CORSMiddleware, allow_origins=settings.cors_origins,
                           allow_methods=CORS_METHODS, allow_headers=CORS_HEADERS,
                           expose_headers=CORS_EXPOSED, max_age=600)
