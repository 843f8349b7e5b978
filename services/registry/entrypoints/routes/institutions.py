"""Institutions: register (one or a CSV file of them), change, staff reports, status, reads."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response

from jingkang.common.domain.actor import Actor
from jingkang.common.web.problems import Problem
from jingkang.common.web.requests import Meta, as_response, with_body_hash

from ...application import csv_import
from ...domain import commands as cmd
from ...domain.vocabulary import Area, Kind, Level, Status
from ..deps import CurrentActor, Queries, Registry, actor_with_role
from ..schemas import ImportOut, InstitutionEventsOut, InstitutionListOut, InstitutionOut

CSV_EXAMPLE = (
    "institution_id,name,credit_code,region,township_code,address,level,kind,area,capacity,"
    "services,forms,prices,contact_name,contact_phone\n"
    "qiaoxi-01,桥西区康复会所,52130104MJ0000011E,130104,130104001,中华南大街18号,township,"
    "clubhouse,urban,25,life_skills;social_skills,day_training,日间训练:人·月:300,王老师,"
    "13800138000\n")

router = APIRouter(tags=["institutions"])
InstitutionId = Annotated[str, Path(max_length=64, description="机构标识 institution id")]
MAX_CSV_BYTES = 5 * 1024 * 1024
_RESPONSES: dict[int | str, dict[str, Any]] = {
    403: {"description": "role not allowed, or outside the caller's jurisdiction"},
    404: {"description": "no such institution"},
    409: {"description": "duplicate_institution, invalid_transition"},
    412: {"description": "If-Match does not match the institution's version"},
    422: {"description": "invalid body; Idempotency-Key reused with another body"},
}
Managers = Annotated[Actor, Depends(actor_with_role("civil_affairs", "admin"))]


@router.post("/v1/institutions", status_code=201, response_model=InstitutionOut,
             operation_id="register_institution", responses=_RESPONSES,
             summary="登记服务机构 Register an institution")
async def register_institution(body: cmd.RegisterInstitution, request: Request,
                               registry: Registry, meta: Meta, actor: Managers) -> Response:
    """Civil affairs register an institution in their region (201, Location); its events reach
    the referral service's dispatch directory through this service's feed."""
    meta = with_body_hash(meta, "POST", request.url.path, body)
    return as_response(await registry.register(body, actor, meta))


@router.post("/v1/institutions/imports", status_code=201, response_model=ImportOut,
             operation_id="import_institutions", responses={
                 **_RESPONSES, 413: {"description": "file larger than 5 MiB"}},
             openapi_extra={"requestBody": {"required": True, "content": {"text/csv": {
                 "schema": {"type": "string"}, "example": CSV_EXAMPLE}}}},
             summary="批量导入服务机构 Import institutions from CSV")
async def import_institutions(request: Request, registry: Registry, meta: Meta,
                              actor: Managers) -> Response:
    """A CSV file of institutions, UTF-8 (with or without BOM) or GB18030/GBK (header row; the
    fields of a registration, lists separated
    by `;`, prices as `item:unit:amount`, `contact_name` and `contact_phone`).  Every row is
    validated; any bad row is reported by line number and nothing is imported.  A cell that
    begins like a spreadsheet formula (`=`, `+`, `-`, `@`, tab, line break) is imported with a
    warning naming its line and column; exports write such text so it is never run."""
    raw = await request.body()
    if len(raw) > MAX_CSV_BYTES:
        raise Problem(413, "payload_too_large", "File too large", "at most 5 MiB per import")
    parsed = csv_import.parse(csv_import.decode(raw), registry.context(actor))
    meta = with_body_hash(meta, "POST", request.url.path, raw)
    return as_response(await registry.import_many(parsed.commands, actor, meta,
                                                  warnings=parsed.warnings, lines=parsed.lines))


@router.get("/v1/institutions", response_model=InstitutionListOut,
            operation_id="list_institutions", summary="服务机构列表 List institutions")
async def list_institutions(
    queries: Queries, actor: CurrentActor,
    region: Annotated[str | None, Query(pattern=r"^\d{6}$", description=(
        "行政区划 province, city or county code; matches everything inside it"))] = None,
    kind: Kind | None = None, level: Level | None = None, status: Status | None = None,
    area: Area | None = None, accepting: bool | None = None,
    cursor: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9._-]{1,64}$",
                                        description="游标 from `next_cursor`")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="每页 page size")] = 100,
) -> JSONResponse:
    """Institutions in institution-id order, filtered; any authenticated caller may read them."""
    filters = {"region": region, "kind": kind, "level": level, "status": status, "area": area,
               "accepting": accepting}
    items = await queries.institutions(filters, cursor, limit + 1)
    next_cursor = items[limit - 1]["institution_id"] if len(items) > limit else None
    return JSONResponse({"items": items[:limit], "next_cursor": next_cursor})


@router.get("/v1/institutions/{institution_id}", response_model=InstitutionOut,
            operation_id="get_institution", responses={404: _RESPONSES[404]},
            summary="服务机构 One institution")
async def get_institution(institution_id: InstitutionId, registry: Registry,
                          actor: CurrentActor) -> Response:
    """The institution's current profile, with its latest staff figures (ETag: its version)."""
    return as_response(await registry.show(institution_id))


@router.patch("/v1/institutions/{institution_id}", response_model=InstitutionOut,
              operation_id="change_institution", responses=_RESPONSES,
              summary="变更机构信息 Change an institution")
async def change_institution(
    institution_id: InstitutionId, body: cmd.ChangeInstitution, request: Request,
    registry: Registry, meta: Meta,
    actor: Annotated[Actor, Depends(actor_with_role("civil_affairs", "admin", "institution"))],
) -> Response:
    """Capacity, services, prices, contact and the rest; the institution itself may change its
    own profile.  Fields left out stay as they are."""
    meta = with_body_hash(meta, "PATCH", request.url.path, body)
    return as_response(await registry.handle(institution_id, body, actor, meta))


@router.post("/v1/institutions/{institution_id}/staff-reports", response_model=InstitutionOut,
             operation_id="report_staff", responses=_RESPONSES,
             summary="人员情况报告 Report staff")
async def report_staff(
    institution_id: InstitutionId, body: cmd.ReportStaff, request: Request,
    registry: Registry, meta: Meta,
    actor: Annotated[Actor, Depends(actor_with_role("institution", "civil_affairs", "admin"))],
) -> Response:
    """Staff by profession for a period: qualified, certified, purchased, direct-service staff
    and their training hours."""
    meta = with_body_hash(meta, "POST", request.url.path, body)
    return as_response(await registry.handle(institution_id, body, actor, meta))


@router.post("/v1/institutions/{institution_id}/status", response_model=InstitutionOut,
             operation_id="change_institution_status", responses=_RESPONSES,
             summary="停业、恢复、注销 Suspend, reopen or close")
async def change_status(institution_id: InstitutionId, body: cmd.ChangeStatus,
                        request: Request, registry: Registry, meta: Meta,
                        actor: Managers) -> Response:
    """Suspend or close an institution (dispatch stops choosing it), or reopen it."""
    meta = with_body_hash(meta, "POST", request.url.path, body)
    return as_response(await registry.handle(institution_id, body, actor, meta))


@router.get("/v1/institutions/{institution_id}/events", response_model=InstitutionEventsOut,
            operation_id="institution_events", responses={404: _RESPONSES[404]},
            summary="机构变更历史 An institution's history")
async def institution_events(
    institution_id: InstitutionId, registry: Registry,
    actor: Annotated[Actor, Depends(actor_with_role("civil_affairs", "auditor", "admin"))],
) -> JSONResponse:
    """Every event of the institution in order, with who did it and the hash chain."""
    recorded = await registry.history(institution_id)
    if not recorded:
        raise Problem(404, "not_found", "Not found", f"no institution {institution_id}")
    return JSONResponse({"institution_id": institution_id, "events": [
        {"position": e.position, "version": e.version, "type": e.type, "data": e.data,
         "metadata": e.metadata, "recorded_at": e.recorded_at.isoformat(),
         "prev_hash": e.prev_hash, "hash": e.hash} for e in recorded]})
