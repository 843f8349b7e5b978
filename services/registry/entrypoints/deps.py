"""Request-scoped inputs of the registry's routes: the acting principal and the use cases."""

# No `from __future__ import annotations`: FastAPI reads the closures' annotations.

from typing import Annotated

from fastapi import Depends, Request

from jingkang.common.domain.actor import Actor
from jingkang.common.web.auth import CurrentPrincipal, Principal, require_roles

from ..application.archives import Archives
from ..application.institutions import RegistryService
from ..application.ports import ArchiveQueries
from ..application.report_reads import ReportReads
from ..application.report_scans import ReportScans
from ..application.reports import ReportService
from ..application.statistics import Statistics


def _actor(principal: CurrentPrincipal) -> Actor:
    return Actor(principal.sub, principal.role, principal.org_id, principal.region,
                 principal.issuer)


async def actor_of(principal: CurrentPrincipal) -> Actor:
    return _actor(principal)


def actor_with_role(*roles: str):  # noqa: ANN201 - a FastAPI dependency
    check = require_roles(roles)

    async def actor(principal: Annotated[Principal, Depends(check)]) -> Actor:
        return _actor(principal)

    return actor


CurrentActor = Annotated[Actor, Depends(actor_of)]


async def _registry(request: Request) -> RegistryService:
    return request.app.state.runtime.registry


async def _queries(request: Request) -> ArchiveQueries:
    return request.app.state.runtime.queries


async def _archives(request: Request) -> Archives:
    return request.app.state.runtime.archives


async def _statistics(request: Request) -> Statistics:
    return request.app.state.runtime.statistics


Registry = Annotated[RegistryService, Depends(_registry)]
Queries = Annotated[ArchiveQueries, Depends(_queries)]
ArchivesDep = Annotated[Archives, Depends(_archives)]
StatisticsDep = Annotated[Statistics, Depends(_statistics)]



async def _reports(request: Request) -> ReportService:
    return request.app.state.runtime.reports


async def _report_reads(request: Request) -> ReportReads:
    return request.app.state.runtime.report_reads


async def _scans(request: Request) -> ReportScans:
    return request.app.state.runtime.scans


ReportsDep = Annotated[ReportService, Depends(_reports)]
ReportReadsDep = Annotated[ReportReads, Depends(_report_reads)]
ScansDep = Annotated[ReportScans, Depends(_scans)]
