"""GET endpoints: lists and work queues, one case (also as of a version or time), its events,
its integrity, and the state machine."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse

from jingkang.common.application.request_meta import MAX_VERSION
from jingkang.common.web.auth import CurrentPrincipal, require_roles
from jingkang.common.web.problems import Problem
from jingkang.common.web.requests import PlausibleTime

from ...application.ports import CaseFilter, InvalidListCursor
from ...application.queries import CaseReads
from ...domain import lifecycle_published
from ..deps import CurrentActor
from ..schemas import CaseEventsOut, CaseListOut, CaseOut, IntegrityOut, StateMachineOut

router = APIRouter(tags=["cases"])
CaseId = Annotated[str, Path(max_length=64, description="个案标识 case id")]
Region = Annotated[str | None, Query(pattern=r"^\d{6}$", description=(
    "行政区划 province, city or county code; matches everything inside it"))]


async def reads_of(request: Request) -> CaseReads:
    return request.app.state.runtime.case_reads


Reads = Annotated[CaseReads, Depends(reads_of)]


@router.get("/v1/cases", response_model=CaseListOut, operation_id="list_cases",
            summary="个案列表与工作队列 List cases and work queues")
async def list_cases(
    reads: Reads, actor: CurrentActor,
    state: Annotated[str | None, Query(description="状态 state", max_length=20)] = None,
    region: Region = None,
    institution_id: Annotated[str | None, Query(max_length=100, description="机构 institution")] = None,
    due: Annotated[Literal["review", "dispatch", "reconfirmation", "reassessment", "follow_up"] | None,
                   Query(description="待办 work queue: the step that waits, soonest due first")] = None,
    overdue: Annotated[bool | None, Query(description="逾期 only past due (true) or not yet due (false); with `due`")] = None,
    risk_level_min: Annotated[int | None, Query(ge=0, le=5, description="最低危险等级 risk level at least")] = None,
    updated_since: Annotated[PlausibleTime, Query(description="更新起 updated at or after (RFC 3339)")] = None,
    sort: Annotated[Literal["-updated_at", "updated_at"] | None, Query(description=(
        "排序 without `due`: `-updated_at` newest first (the default) or `updated_at` oldest "
        "first; a queue (`due`) keeps its own order"))] = None,
    cursor: Annotated[str | None, Query(max_length=500, description="游标 from `next_cursor`")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="每页 page size")] = 50,
) -> JSONResponse:
    """Cases in the caller's scope, newest first (or oldest first with `sort=updated_at`); with
    `due`, a work queue in which cases of risk level 3 or more come first, then the soonest
    due."""
    if overdue is not None and due is None:
        raise Problem(422, "validation_error", "Invalid request", "overdue goes with due",
                      errors=[{"field": "overdue", "message": "needs `due`"}])
    if sort is not None and due is not None:
        raise Problem(422, "validation_error", "Invalid request", "sort goes without due",
                      errors=[{"field": "sort", "message": "a queue (`due`) has its own order"}])
    filters = CaseFilter(state=state, region=region, institution_id=institution_id, due=due,
                         overdue=overdue, risk_level_min=risk_level_min,
                         updated_since=updated_since, oldest_first=sort == "updated_at")
    try:
        items, next_cursor = await reads.list(actor, filters, limit=limit, cursor=cursor)
    except InvalidListCursor as exc:
        raise Problem(422, "validation_error", "Invalid request", str(exc),
                      errors=[{"field": "cursor", "message": str(exc)}]) from exc
    return JSONResponse({"items": items, "next_cursor": next_cursor})


@router.get("/v1/cases/{case_id}", response_model=CaseOut, operation_id="get_case",
            summary="个案 One case, now or as it was")
async def get_case(
    case_id: CaseId, reads: Reads, actor: CurrentActor,
    version: Annotated[int | None, Query(ge=1, le=MAX_VERSION, description=(
        "版本 the state after this many events"))] = None,
    as_of: Annotated[PlausibleTime, Query(description="时点 the state at this time (RFC 3339)")] = None,
) -> JSONResponse:
    """The case's current state, or with `version` / `as_of` the state rebuilt from its events
    up to that point.  The ETag is the version."""
    if version is not None and as_of is not None:
        raise Problem(422, "validation_error", "Invalid request", "version or as_of, not both",
                      errors=[{"field": "as_of", "message": "give version or as_of, not both"}])
    body, current_version = await reads.case(case_id, actor, version=version, as_of=as_of)
    return JSONResponse(body, headers={"ETag": f'"{current_version}"'})


@router.get("/v1/cases/{case_id}/events", response_model=CaseEventsOut,
            operation_id="get_case_events", summary="个案事件 The case's history")
async def get_case_events(case_id: CaseId, reads: Reads, actor: CurrentActor) -> JSONResponse:
    """Every event of the case in order, with position, version, data, metadata (actor, role,
    org, request id, time) and the hash-chain fields."""
    return JSONResponse({"case_id": case_id, "events": await reads.events(case_id, actor)})


@router.get("/v1/cases/{case_id}/integrity", response_model=IntegrityOut,
            operation_id="verify_case_integrity",
            summary="完整性 Verify the hash chain and the seals",
            dependencies=[Depends(require_roles(("auditor", "admin")))])
async def verify_case_integrity(case_id: CaseId, reads: Reads) -> JSONResponse:
    """Recomputes the case's hash chain from the stored events and checks each event's seal
    (and that no sealed event of the case is missing); says valid or names the first event
    that does not match."""
    result = await reads.integrity(case_id)
    return JSONResponse({"case_id": case_id, "valid": result.valid,
                         "events_checked": result.events_checked,
                         "first_bad_position": result.first_bad_position,
                         "first_bad_event_id": result.first_bad_event_id,
                         "first_bad_version": result.first_bad_version, "reason": result.reason,
                         "seals_checked": result.seals_checked,
                         "unsealed_legacy": result.unsealed_legacy})


@router.get("/v1/state-machine", response_model=StateMachineOut, operation_id="get_state_machine",
            summary="状态机 States, actions, roles, guards and a diagram")
async def get_state_machine(_: CurrentPrincipal) -> JSONResponse:
    """The lifecycle as the service enforces it, with a Mermaid diagram."""
    return JSONResponse(lifecycle_published.describe())
