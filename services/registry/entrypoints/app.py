"""The registry service's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from .examples import SCHEMA_EXAMPLES

from jingkang.common.adapters.access_log import watched
from jingkang.common.web.app import create_service_app

from ..bootstrap import Clock, build_runtime
from ..config import Settings
from .errors import install_registry_errors
from .routes import archives, institutions, reports, statistics

FEED_ROLES = ("service", "auditor")
# Reads of an archive or an institution's history are access-logged.
AUDITED_READS = (
    watched("patient_archive", r"/v1/archives/patients/(?P<id>[^/]+)"),
    watched("patient_list", r"/v1/archives/patients"),
    watched("institution_archive", r"/v1/archives/institutions/(?P<id>[^/]+)"),
    watched("institution_events", r"/v1/institutions/(?P<id>[^/]+)/events"),
)


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        title="Jingkang registry service (精康机构与统计服务)",
        description="Institution archives, patient archives and the quarterly progress statistics. 服务机构档案、康复对象档案与推进情况统计。",
        settings=settings,
        build_runtime=lambda: build_runtime(settings, clock),
        feed_roles=FEED_ROLES,
        audited_reads=AUDITED_READS,
    )
    install_registry_errors(app)
    app.state.schema_examples = SCHEMA_EXAMPLES
    app.include_router(institutions.router)
    app.include_router(archives.router)
    app.include_router(statistics.router)
    app.include_router(reports.router)
    return app
