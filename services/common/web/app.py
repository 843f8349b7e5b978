"""The parts of a service application that both services build the same way."""

from __future__ import annotations

import gc
import re
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager

from fastapi import Depends, FastAPI, Request
from prometheus_client import Counter

from jingkang_events import EventStore, Ledger, PageView, feed_router, ledger_router

from jingkang.common.web.access_audit import (
    AccessLogMiddleware, UnauthenticatedEntries, access_log_router,
)
from jingkang.common.adapters.access_log import Watched
from jingkang.common.runtime import ServiceRuntime
from jingkang.common.settings import CommonSettings
from jingkang.common.web.auth import require_roles, verifier_from
from jingkang.common.web.docs_assets import install_offline_docs
from jingkang.common.web.hardening import ServiceApp, install_hardening
from jingkang.common.web.ops import install_ops
from jingkang.common.web.problems import install_problem_handlers


FEED_READS = (Watched("feed", re.compile(r"/v1/events")),)
# Checkpoints and proofs are for auditors, as is a case's integrity check.
INTEGRITY_ROLES = ("auditor", "admin")


def runtime_of(app: FastAPI) -> ServiceRuntime:
    return app.state.runtime


async def store_of(request: Request) -> EventStore:
    return runtime_of(request.app).store


async def ledger_of(request: Request) -> Ledger:
    return runtime_of(request.app).ledger


def create_service_app(
    *,
    title: str,
    description: str,
    settings: CommonSettings,
    build_runtime: Callable[[], Awaitable[ServiceRuntime]],
    feed_roles: Sequence[str],
    feed_view: PageView | None = None,
    audited_reads: Sequence[Watched] = (),
) -> FastAPI:
    """A FastAPI app with problem+json errors, JWT auth, the hardened edge, the access log,
    the ops endpoints and the feed."""

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = await build_runtime()
        app.state.runtime = runtime
        try:
            await runtime.start()
            # Everything built at start-up lives as long as the process: keep it out of the
            # collector's generations so full collections (latency spikes) stay short.
            gc.collect()
            gc.freeze()
            yield
        finally:
            await runtime.stop()  # also after a failed start: open connections keep a process alive

    app = ServiceApp(title=title, description=description, version="0.1.0", lifespan=lifespan,
                     docs_url=None, redoc_url=None)
    install_offline_docs(app)
    app.state.token_verifier = verifier_from(settings)
    install_problem_handlers(app)
    # Innermost of the added layers: it sees the route's own answer, 401/403/404 included.
    unauthenticated = UnauthenticatedEntries(settings.access_log_unauthenticated_per_minute)
    app.add_middleware(AccessLogMiddleware, reads=(*audited_reads, *FEED_READS),
                       unauthenticated=unauthenticated)
    install_hardening(app, settings)
    install_ops(app, runtime_of)
    unauthenticated.on_skip = Counter(
        "jingkang_access_log_unrecorded", "access-log entries of calls without a valid token "
        "not written: over the per-address budget", registry=app.state.metrics_registry).inc
    app.include_router(feed_router(store_of, dependencies=[Depends(require_roles(feed_roles))],
                                   view=feed_view))
    app.include_router(ledger_router(ledger_of,
                                     dependencies=[Depends(require_roles(INTEGRITY_ROLES))]))
    app.include_router(access_log_router())
    return app
