"""The reporting chain: a region's report drafted, submitted with its figures frozen, returned
or accepted by the level above; its versions as JSON, CSV or XLSX; what is due; the scans
of the signed and stamped forms (docs/registry.md, Reporting up the chain)."""

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from jingkang.common.domain.actor import Actor
from jingkang.common.domain.chinatime import china_date
from jingkang.common.web.requests import Meta, as_response, with_body_hash

from ...application.reports import ReportKey
from ...domain import commands as cmd
from ...domain.report_form import SignOff, chinese_date
from ...domain.reporting import READERS
from ..deps import ReportReadsDep, ReportsDep, ScansDep, actor_with_role
from ..report_formats import to_csv, to_xlsx
from ..report_pdf import to_pdf
from ..schemas import (
    ReportComparisonOut, ReportFiguresOut, ReportOut, ReportsDueOut, ScanOut,
)

router = APIRouter(tags=["reports"])
RegionPath = Annotated[str, Path(pattern=r"^\d{6}(\d{3})?$", description=(
    "行政区划代码 six-digit division code, or a nine-digit township (乡镇、街道)"))]
PeriodPath = Annotated[str, Path(max_length=7, description="报告期 2026Q2, 2026H1 or 2026")]
Form = Annotated[Literal["progress"], Query(description="报表 progress: 推进情况汇总表")]
Readers = Annotated[Actor, Depends(actor_with_role(*sorted(READERS)))]
Submitters = Annotated[Actor, Depends(actor_with_role("civil_affairs"))]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
_REFUSALS = {403: {"description": "role not allowed, or region outside the jurisdiction"},
             409: {"description": "the report's status does not allow it (submitted, accepted)"},
             412: {"description": "If-Match does not match the report's version"},
             422: {"description": "invalid body, region, period or version"}}


def _key(reports: ReportsDep, region: str, period: str, form: str) -> ReportKey:
    return reports.key(region, period, form)


@router.get("/v1/reports/due", response_model=ReportsDueOut, operation_id="reports_due",
            responses=_REFUSALS, summary="待办报表 What is due")
async def due(reads: ReportReadsDep, actor: Readers, region: Annotated[str, Query(
        pattern=r"^\d{6}(\d{3})?$", description="行政区划代码")]) -> JSONResponse:
    """The region's own reports not yet accepted (this period and the last), and its
    children's reports that are overdue or wait for review."""
    return JSONResponse(await reads.due(region, actor))


@router.get("/v1/reports/{region}/{period}", response_model=ReportOut,
            operation_id="show_report", responses=_REFUSALS, summary="报表状态 A report")
async def show(reports: ReportsDep, reads: ReportReadsDep, actor: Readers, region: RegionPath, period: PeriodPath,
               form: Form = "progress") -> JSONResponse:
    """Status, due date, every submitted version, and each child region's report."""
    view = await reads.show(_key(reports, region, period, form), actor)
    return JSONResponse(view, headers={"ETag": f'"{view["version"]}"'})


@router.put("/v1/reports/{region}/{period}/draft", response_model=ReportOut,
            operation_id="draft_report", responses=_REFUSALS, summary="草稿 Save the sign-off lines")
async def draft(body: cmd.DraftReport, request: Request, reports: ReportsDep, meta: Meta,
                actor: Submitters, region: RegionPath, period: PeriodPath,
                form: Form = "progress") -> Response:
    meta = with_body_hash(meta, "PUT", request.url.path, body)
    return as_response(await reports.draft(_key(reports, region, period, form), body, actor,
                                           meta))


@router.post("/v1/reports/{region}/{period}/submissions", status_code=201,
             response_model=ReportOut, operation_id="submit_report", responses=_REFUSALS,
             summary="报送 Submit the report with its figures frozen")
async def submit(body: cmd.SubmitReport, request: Request, reports: ReportsDep, meta: Meta,
                 actor: Submitters, region: RegionPath, period: PeriodPath,
                 form: Form = "progress") -> Response:
    """The region's own civil affairs send the report up; later events never change a
    submitted version (201, Location of the version)."""
    meta = with_body_hash(meta, "POST", request.url.path, body)
    return as_response(await reports.submit(_key(reports, region, period, form), body, actor,
                                            meta))


@router.post("/v1/reports/{region}/{period}/return", response_model=ReportOut,
             operation_id="return_report", responses=_REFUSALS, summary="退回 Return for correction")
async def return_report(body: cmd.ReturnReport, request: Request, reports: ReportsDep,
                        meta: Meta, actor: Submitters, region: RegionPath, period: PeriodPath,
                        form: Form = "progress") -> Response:
    meta = with_body_hash(meta, "POST", request.url.path, body)
    return as_response(await reports.return_report(_key(reports, region, period, form), body,
                                                   actor, meta))


@router.post("/v1/reports/{region}/{period}/acceptance", response_model=ReportOut,
             operation_id="accept_report", responses=_REFUSALS, summary="接收 Accept and lock")
async def accept(body: cmd.AcceptReport, request: Request, reports: ReportsDep, meta: Meta,
                 actor: Submitters, region: RegionPath, period: PeriodPath,
                 form: Form = "progress") -> Response:
    meta = with_body_hash(meta, "POST", request.url.path, body)
    return as_response(await reports.accept(_key(reports, region, period, form), body, actor,
                                            meta))


@router.get("/v1/reports/{region}/{period}/versions/{version}",
            response_model=ReportFiguresOut, operation_id="report_version",
            responses={**_REFUSALS, 200: {"content": {"text/csv": {}, XLSX: {}, PDF: {}}}},
            summary="报送版本 A submitted version, as frozen")
async def version(reports: ReportsDep, reads: ReportReadsDep, actor: Readers,
                  region: RegionPath, period: PeriodPath, version: Annotated[
                      int, Path(ge=1, le=1000)], form: Form = "progress",
                  format: Annotated[Literal["json", "csv", "xlsx", "pdf"], Query(
                      description="json, csv, xlsx or pdf (to print, sign and stamp)")] = "json",
                  ) -> Response:
    """The figures as submitted, with the sign-off lines of that submission; CSV, XLSX and
    PDF carry them under the table, with the version and the 填表说明."""
    found = await reads.version(_key(reports, region, period, form), version, actor)
    if format == "json":
        return JSONResponse(found)
    signed, figures = _sign_off(found), found["figures"]
    name = f"report-{region}-{period}-v{version}"
    if format == "csv":
        return _download(to_csv(figures, signed).encode(), "text/csv; charset=utf-8",
                         f"{name}.csv")
    if format == "xlsx":
        return _download(to_xlsx(figures, signed), XLSX, f"{name}.xlsx")
    return _download(to_pdf(figures, signed), PDF, f"{name}.pdf")


def _download(content: bytes, media_type: str, filename: str) -> Response:
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _sign_off(found: dict[str, Any]) -> SignOff:
    """The submission's own lines: who filled it in and signed it, on which day (China)."""
    day = chinese_date(china_date(datetime.fromisoformat(found["submitted_at"])))
    review = ("，已退回：" + found["returned"] if found["returned"] else
              "，已接收" if found["accepted_at"] else "")
    return SignOff(unit=found["figures"]["region_name"], responsible=found["responsible"],
                   filled_by=found["filled_by"], phone=found["phone"], date=day,
                   version=f"第 {found['version']} 版，{day}报送{review}")


@router.get("/v1/reports/{region}/{period}/comparison", response_model=ReportComparisonOut,
            operation_id="compare_report", responses=_REFUSALS,
            summary="对比 Accepted figures next to live ones")
async def comparison(reports: ReportsDep, reads: ReportReadsDep, actor: Readers,
                     region: RegionPath, period: PeriodPath, form: Form = "progress") -> JSONResponse:
    """The children's accepted reports summed (the official chain) beside the figures the
    system counts now, and per child the columns where they differ."""
    return JSONResponse(await reads.comparison(_key(reports, region, period, form), actor))


@router.post("/v1/report-scans", status_code=201, response_model=ScanOut,
             operation_id="store_report_scan", responses=_REFUSALS, openapi_extra={
                 "requestBody": {"required": True, "content": {
                     t: {"schema": {"type": "string", "format": "binary"}}
                     for t in ("application/pdf", "image/png", "image/jpeg")}}},
             summary="扫描件 Upload the scan of the signed and stamped form")
async def store_scan(request: Request, scans: ScansDep, meta: Meta,
                     actor: Submitters) -> Response:
    content = await request.body()
    meta = with_body_hash(meta, "POST", request.url.path, content)
    media_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return as_response(await scans.store_scan(content, media_type, actor, meta))


@router.get("/v1/report-scans/{sha256}", operation_id="report_scan", responses={
    200: {"content": {t: {} for t in ("application/pdf", "image/png", "image/jpeg")}},
    404: {"description": "no such scan in the caller's jurisdiction"}},
    summary="扫描件 A scan, as uploaded")
async def scan(scans: ScansDep, actor: Readers, sha256: Annotated[str, Path(
        pattern=r"^[0-9a-f]{64}$")]) -> Response:
    found = await scans.scan(sha256, actor)
    return Response(found.content, media_type=found.media_type,
                    headers={"Content-Disposition": f'attachment; filename="{sha256}"'})
