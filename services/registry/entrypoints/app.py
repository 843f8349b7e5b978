"""The registry service's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from jingkang.common.app import create_service_app

from ..bootstrap import Clock, build_runtime
from ..config import Settings
from .errors import install_registry_errors
from .routes import archives, institutions, statistics

FEED_ROLES = ("service", "auditor")


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        title="Jingkang registry service (精康机构与统计服务)",
        description="Institution archives, patient archives and the quarterly progress statistics. 服务机构档案、康复对象档案与推进情况统计。",
        settings=settings,
        build_runtime=lambda: build_runtime(settings, clock),
        feed_roles=FEED_ROLES,
    )
    install_registry_errors(app)
    app.include_router(institutions.router)
    app.include_router(archives.router)
    app.include_router(statistics.router)
    return app
