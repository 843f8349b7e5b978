"""The registry service's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from jingkang.common.app import create_service_app

from ..bootstrap import build_runtime
from ..config import Settings

FEED_ROLES = ("service", "auditor")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    return create_service_app(
        title="Jingkang registry service (精康机构与统计服务)",
        description="Institution archives, patient archives and the quarterly progress statistics. 服务机构档案、康复对象档案与推进情况统计。",
        settings=settings,
        build_runtime=lambda: build_runtime(settings),
        feed_roles=FEED_ROLES,
    )
