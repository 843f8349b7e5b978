"""Operational endpoints of both services: /healthz, /readyz and /metrics (API.md)."""

from __future__ import annotations

import os
import time
from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse, PlainTextResponse
from prometheus_client import (
    CollectorRegistry, Counter, GCCollector, Histogram, PlatformCollector, ProcessCollector,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from jingkang.common.adapters.migrations import current_revision, head_revision
from jingkang.common.runtime import ServiceRuntime


async def readiness(runtime: ServiceRuntime) -> tuple[bool, dict[str, Any]]:
    checks: dict[str, Any] = {}
    try:
        revision = await current_revision(runtime.db)
        checks["database"] = {"ok": True, "engine": runtime.db.dialect}
    except Exception as exc:
        checks["database"] = {"ok": False, "error": type(exc).__name__}
        return False, checks
    head = head_revision(runtime.service)
    checks["migrations"] = {"ok": revision == head, "current": revision, "head": head}
    if runtime.store.notifications_connected is not None:
        checks["feed_notifications"] = {"connected": runtime.store.notifications_connected,
                                        "note": "timed polling covers any gap"}
    statuses = [c.status() for c in runtime.consumers]
    checks["consumers"] = jsonable_encoder(statuses)
    return checks["migrations"]["ok"], checks


def stuck_consumers(checks: dict[str, Any]) -> list[str]:
    """The consumers of a readiness check that cannot apply an event."""
    return [c["name"] for c in checks.get("consumers", []) if c["state"] == "stuck"]


class _RuntimeCollector:
    """Reads the store's head and the consumers' positions at scrape time."""

    def __init__(self, runtime: ServiceRuntime) -> None:
        self.runtime = runtime

    def collect(self) -> Any:
        consumers = [c.status() for c in self.runtime.consumers]
        families = {
            "jingkang_consumer_position": "position of the last event applied",
            "jingkang_consumer_source_head_position": "newest servable position at the source",
            "jingkang_consumer_lag_events": "events at the source not yet applied (counted up "
                                            "to 1,000: a longer lag shows in the positions)",
            "jingkang_consumer_lag_seconds": "age of the newest event not yet applied",
            "jingkang_consumer_active": "1 when this instance holds the consumer's lock",
            "jingkang_consumer_failures": "consecutive failed attempts (0 after a success)",
            "jingkang_consumer_stuck": "1 while an event cannot be applied (retried, never "
                                       "skipped: every later event waits)",
            "jingkang_consumer_stuck_position": "feed position of the event that cannot be "
                                                "applied (0 when none)",
        }
        values = {
            "jingkang_consumer_position": lambda s: s.position,
            "jingkang_consumer_source_head_position": lambda s: s.head_position or 0,
            "jingkang_consumer_lag_events": lambda s: s.lag_events,
            "jingkang_consumer_lag_seconds": lambda s: s.lag_seconds,
            "jingkang_consumer_active": lambda s: int(s.active),
            "jingkang_consumer_failures": lambda s: s.failures,
            "jingkang_consumer_stuck": lambda s: int(s.stuck is not None),
            "jingkang_consumer_stuck_position": lambda s: s.stuck.position if s.stuck else 0,
        }
        for name, doc in families.items():
            family = GaugeMetricFamily(name, doc, labels=["consumer"])
            for status in consumers:
                family.add_metric([status.name], values[name](status))
            yield family


def _summed_over_workers(directory: str) -> CollectorRegistry:
    """The counters and histograms of every worker process, summed from their files in
    ``directory`` at each scrape."""
    summed = CollectorRegistry()
    MultiProcessCollector(summed, path=directory)
    return summed


def install_ops(app: FastAPI, runtime_of: Any) -> None:
    """Add the three endpoints and request metrics; ``runtime_of(app)`` gives the runtime."""
    registry = CollectorRegistry()
    # Set before the workers started, by ``jingkang serve --workers``: their values are files.
    workers_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    exposed = _summed_over_workers(workers_dir) if workers_dir else registry
    if not workers_dir:
        # The process's own figures (memory, CPU, open files, the collector's generations);
        # with several workers, one worker's would pass for the service's: left out.
        ProcessCollector(registry=registry)
        PlatformCollector(registry=registry)
        GCCollector(registry=registry)
    requests = Counter("jingkang_http_requests", "HTTP requests",
                       ["method", "route", "status"], registry=registry)
    latency = Histogram("jingkang_http_request_seconds", "HTTP request latency",
                        ["method", "route"], registry=registry)
    app.state.metrics_registry = registry
    router = APIRouter(tags=["operations"])

    app.add_middleware(_RequestMetrics, requests=requests, latency=latency)

    @router.get("/healthz", operation_id="healthz", summary="进程存活 Process alive")
    async def healthz() -> dict[str, str]:
        """Answers 200 while the process runs; says nothing of its dependencies."""
        return {"status": "ok"}

    @router.get("/readyz", operation_id="readyz", summary="可以服务 Ready to serve",
                responses={503: {"description": "database unreachable or not migrated"}})
    async def readyz(request: Request) -> JSONResponse:
        """Database reachable and migrated to head; feed consumers' state, cursors and lag.
        A consumer that cannot apply an event makes the status `degraded` (still 200) and
        names the event under its `stuck`."""
        ready, checks = await readiness(runtime_of(request.app))
        # Degraded, not unready: every instance serves the same database, so taking this one
        # out of rotation would refuse what still works (commands, reads of other tables)
        # and cure nothing; the stuck event is for an operator (the metrics alert on it).
        status = "not_ready" if not ready else "degraded" if stuck_consumers(checks) else "ready"
        return JSONResponse({"status": status, "checks": checks},
                            status_code=200 if ready else 503)

    @router.get("/metrics", operation_id="metrics", summary="指标 Prometheus metrics",
                response_class=PlainTextResponse)
    async def metrics(request: Request) -> PlainTextResponse:
        """Prometheus text format: requests, latency, store head, consumer cursor and lag."""
        runtime = runtime_of(request.app)
        head = await runtime.store_head_position()
        output = generate_latest(exposed).decode()
        output += generate_latest(_ScrapeOnce(runtime, head)).decode()
        return PlainTextResponse(output, media_type=CONTENT_TYPE_LATEST)

    app.include_router(router)


class _RequestMetrics:
    """Counts requests by route template and status, and times them.

    A plain ASGI middleware: ``@app.middleware("http")`` would add a task group and a
    streamed copy of every response (measured: about a tenth of a command's CPU).
    """

    def __init__(self, app: Any, *, requests: Counter, latency: Histogram) -> None:
        self.app, self.requests, self.latency = app, requests, latency

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def send_and_note(message: Any) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            template = getattr(scope.get("route"), "path", "unmatched")
            self.requests.labels(scope["method"], template, status).inc()
            self.latency.labels(scope["method"], template).observe(time.perf_counter() - started)


class _ScrapeOnce(CollectorRegistry):
    """A throwaway registry for the figures that need the runtime (read per scrape)."""

    def __init__(self, runtime: ServiceRuntime, head_position: int | None) -> None:
        super().__init__(auto_describe=False)
        self.register(_RuntimeCollector(runtime))
        self._head = head_position

    def collect(self) -> Any:
        yield from super().collect()
        family = GaugeMetricFamily("jingkang_store_head_position",
                                   "newest servable position of this service's event feed")
        family.add_metric([], self._head or 0)
        yield family
