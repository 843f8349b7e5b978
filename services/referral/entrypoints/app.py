"""The referral service's FastAPI application."""

from __future__ import annotations

from fastapi import FastAPI

from .examples import SCHEMA_EXAMPLES

from jingkang.common.adapters.access_log import watched
from jingkang.common.web.app import create_service_app

from ..bootstrap import Clock, build_runtime
from ..config import Settings
from .errors import install_domain_errors
from .feed import feed_view
from .routes import commands, persons, placement, reads

FEED_ROLES = ("platform", "auditor", "service")
# Reads of a case, its history or its integrity, and case lists, are access-logged.
AUDITED_READS = (
    watched("case", r"/v1/cases/(?P<id>[^/]+)"),
    watched("case_events", r"/v1/cases/(?P<id>[^/]+)/events"),
    watched("case_integrity", r"/v1/cases/(?P<id>[^/]+)/integrity"),
    watched("case_list", r"/v1/cases"),
    watched("person", r"/v1/persons/(?P<id>[^/]+)/erasure"),
)


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> FastAPI:
    settings = settings or Settings()
    app = create_service_app(
        title="Jingkang referral service (精康转介服务)",
        description=(
            "Case lifecycle of community mental-health rehabilitation referrals: uploads, "
            "applications, dispatch, services, relocations, relapses, exits. "
            "精神障碍社区康复服务转介个案管理。"),
        settings=settings,
        build_runtime=lambda: build_runtime(settings, clock),
        feed_roles=FEED_ROLES,
        feed_view=feed_view,
        audited_reads=AUDITED_READS,
    )
    install_domain_errors(app)
    app.state.schema_examples = SCHEMA_EXAMPLES
    app.include_router(commands.router)
    app.include_router(reads.router)
    app.include_router(placement.router)
    app.include_router(persons.router)
    return app
