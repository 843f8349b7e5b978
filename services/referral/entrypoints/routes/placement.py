"""GET /v1/cases/{case_id}/placement: the institutions a case can be dispatched to, with their
free places, for the platform choosing by name or by residence."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import JSONResponse

from jingkang.common.domain.actor import Actor

from ...application.placement import PlacementOptions
from ..deps import require_action
from ..schemas import PlacementOut

router = APIRouter(tags=["cases"])
CaseId = Annotated[str, Path(max_length=64, description="个案标识 case id")]


async def placement_of(request: Request) -> PlacementOptions:
    return request.app.state.runtime.placement


@router.get("/v1/cases/{case_id}/placement", response_model=PlacementOut,
            operation_id="get_case_placement",
            summary="可分派机构 Institutions of the residence with their free places")
async def get_case_placement(
    case_id: CaseId, placement: Annotated[PlacementOptions, Depends(placement_of)],
    actor: Annotated[Actor, Depends(require_action("dispatch"))],
) -> JSONResponse:
    """For the roles that dispatch: the institutions of the case's residence county, then of
    the rest of its city (for a relocating case, of its new residence, without the sending
    institution), least occupied first, each with capacity, cases placed there now and free
    places, and the one dispatch by residence would choose now (`null`: it would waitlist).
    The dispatch decides again when it is made, under the institution's room lock."""
    return JSONResponse(await placement.of(case_id, actor))
