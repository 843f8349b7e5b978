"""Per-client rate limits: token buckets by who is calling, 429 with Retry-After once a
client's bucket is empty."""

from __future__ import annotations

import hashlib
import math
import time
from collections import OrderedDict
from typing import Any

from jingkang.common.adapters.shared_buckets import SharedTokenBuckets
from jingkang.common.settings import CommonSettings
from jingkang.common.web.asgi_scope import path_in_app
from jingkang.common.web.auth import principal_of
from jingkang.common.web.problems import Problem, problem_response

# Probes and scrapes must answer under load.  Feed consumers long-poll /v1/events and, when
# catching up, read its pages back to back: limiting them would only delay projections.
RATE_LIMIT_EXEMPT = frozenset({"/healthz", "/readyz", "/metrics", "/v1/events"})


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


async def client_key(scope: Any) -> str:
    """Who a request is, for its bucket: the principal of a valid bearer token, else the
    client address.  Never the unverified token: a new made-up token with every request
    would get a new, full bucket every time."""
    principal = await principal_of(scope)
    if principal is not None:
        who = f"{principal.org_id}\x00{principal.sub}".encode()
        return "principal:" + hashlib.blake2b(who, digest_size=16).hexdigest()
    client = scope.get("client")
    return "address:" + (client[0] if client else "unknown")


class RateLimit:
    """429 with Retry-After once a client's bucket is empty.  The buckets live in this process,
    or with several workers in a file they share (``SharedTokenBuckets``); behind a load
    balancer spreading over hosts, the limit applies per host."""

    def __init__(self, app: Any, *, buckets: TokenBuckets | SharedTokenBuckets) -> None:
        self.app, self.buckets = app, buckets

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http" or path_in_app(scope) in RATE_LIMIT_EXEMPT:
            await self.app(scope, receive, send)
            return
        wait = self.buckets.take(await client_key(scope), time.monotonic())
        if not wait:
            await self.app(scope, receive, send)
            return
        seconds = max(1, math.ceil(wait))
        await problem_response(Problem(
            429, "rate_limited", "Too many requests", f"retry in {seconds} s",
            headers={"Retry-After": str(seconds)}))(scope, receive, send)


def install_rate_limit(app: Any, settings: CommonSettings) -> None:
    limits = {"per_second": settings.rate_limit_per_second, "burst": settings.rate_limit_burst,
              "max_clients": settings.rate_limit_max_clients}
    shared = settings.shared_state_dir
    app.add_middleware(RateLimit, buckets=SharedTokenBuckets(shared / "rate-limit", **limits)
                       if shared is not None else TokenBuckets(**limits))
