"""Baseline survey figures, the 19-column progress summary and the coverage report."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from jingkang.common.domain.actor import Actor
from jingkang.common.web.requests import Meta, PlausibleDate, as_response, with_body_hash

from ...domain import commands as cmd
from ..deps import Registry, StatisticsDep, actor_with_role
from ..report_formats import to_csv, to_xlsx
from ..schemas import BaselineOut, CoverageOut, OutcomesOut, ProgressOut

router = APIRouter(tags=["statistics"])
Region = Annotated[str, Query(pattern=r"^\d{6}$", description=(
    "行政区划 province, city or county code"))]
# 卫健 and 残联 read the statistics of their region too (抄报): figures, nothing personal.
Readers = Annotated[Actor, Depends(actor_with_role(
    "civil_affairs", "health_commission", "disabled_federation", "auditor", "admin"))]
_REFUSALS = {403: {"description": "role not allowed, or region outside the jurisdiction"},
             422: {"description": "unknown region or period"}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.put("/v1/regions/{region_code}/baselines/{period}", response_model=BaselineOut,
            operation_id="record_baseline", responses=_REFUSALS,
            summary="摸底情况 Record baseline survey figures")
async def record_baseline(
    body: cmd.RecordBaseline, request: Request, registry: Registry, meta: Meta,
    actor: Annotated[Actor, Depends(actor_with_role("civil_affairs", "admin"))],
    region_code: Annotated[str, Path(pattern=r"^\d{6}(\d{3})?$", description=(
        "行政区划代码: province, city or county (six digits) or township (nine digits)"))],
    period: Annotated[str, Path(max_length=7, description="报告期 e.g. 2024Q2")],
) -> Response:
    """Columns 1–4, 14, 15 and 19 for a region and period; each change is an event, and the
    same figures again change nothing."""
    meta = with_body_hash(meta, "PUT", request.url.path, body)
    return as_response(await registry.record_baseline(region_code, period, body, actor, meta))


@router.get("/v1/statistics/progress", response_model=ProgressOut,
            operation_id="progress_summary", responses={
                **_REFUSALS, 200: {"content": {"text/csv": {}, XLSX: {}}}},
            summary="推进情况汇总表 The 19-column progress summary")
async def progress(
    statistics: StatisticsDep, actor: Readers, region: Region,
    period: Annotated[str, Query(max_length=7, description="报告期 2024Q2, 2024H1 or 2024")],
    format: Annotated[Literal["json", "csv", "xlsx"], Query(description="json, csv or xlsx")] = "json",
) -> Response:
    """One row per child region (a province's cities, a city's counties, a county's townships)
    and the total, as of the period's end: a past period's figures never change."""
    summary = await statistics.progress(region, period, actor)
    filename = f"progress-{summary['region']}-{summary['period']}"
    if format == "csv":
        return Response(to_csv(summary), media_type="text/csv; charset=utf-8", headers={
            "Content-Disposition": f'attachment; filename="{filename}.csv"'})
    if format == "xlsx":
        return Response(to_xlsx(summary), media_type=XLSX, headers={
            "Content-Disposition": f'attachment; filename="{filename}.xlsx"'})
    return JSONResponse(summary)


@router.get("/v1/statistics/outcomes", response_model=OutcomesOut,
            operation_id="outcomes", responses=_REFUSALS,
            summary="康复成效 Relapse, rehospitalisation, employment and self-care")
async def outcomes(
    statistics: StatisticsDep, actor: Readers, region: Region,
    period: Annotated[str, Query(max_length=7, description="报告期 2024Q2, 2024H1 or 2024")],
) -> JSONResponse:
    """The outcomes the documents set as goals, over the cases served in the period, each
    defined in docs/registry.md (Outcomes)."""
    return JSONResponse(await statistics.outcomes(region, period, actor))


@router.get("/v1/statistics/coverage", response_model=CoverageOut,
            operation_id="coverage", responses=_REFUSALS,
            summary="覆盖率与规范服务率 Coverage against the yearly targets")
async def coverage(
    statistics: StatisticsDep, actor: Readers, region: Region,
    as_of: Annotated[PlausibleDate, Query(description="截至 the end of this day (default: now)")] = None,
) -> JSONResponse:
    """Share of counties with an operating institution, the standardized service rate of the
    last complete quarter, and the 5 + 5 working-day deadlines met, next to the year's targets."""
    return JSONResponse(await statistics.coverage(region, as_of, actor))
