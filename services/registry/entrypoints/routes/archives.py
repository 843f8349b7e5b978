"""The patient archive and the institution archive, projected from the referral feed."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import JSONResponse

from jingkang.common.domain.actor import Actor

from ...application.archives import ARCHIVE_ROLES
from ..deps import ArchivesDep, actor_with_role
from ..schemas import InstitutionArchiveOut, PatientArchiveOut, PatientListOut

router = APIRouter(tags=["archives"])
Reader = Annotated[Actor, Depends(actor_with_role(*ARCHIVE_ROLES))]
_NOT_FOUND = {404: {"description": "not in the archive, or outside the caller's scope"}}


@router.get("/v1/archives/patients", response_model=PatientListOut,
            operation_id="list_patient_archives", summary="康复对象档案列表 Patient archives")
async def list_patients(
    archives: ArchivesDep, actor: Reader,
    region: Annotated[str | None, Query(pattern=r"^\d{6}$", description=(
        "行政区划 residence inside this province, city or county"))] = None,
    institution_id: Annotated[str | None, Query(max_length=100, description="机构")] = None,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9a-f]{1,64}$",
                                        description="游标 from `next_cursor`")] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="每页 page size")] = 100,
) -> JSONResponse:
    """Persons in the caller's scope (identity masked), in patient-id order: civil affairs and
    social workers by residence, an institution its own, a hospital those it referred."""
    items = await archives.patients(actor, {"region": region, "institution_id": institution_id},
                                    cursor, limit + 1)
    next_cursor = items[limit - 1]["patient_id"] if len(items) > limit else None
    return JSONResponse({"items": items[:limit], "next_cursor": next_cursor})


@router.get("/v1/archives/patients/{patient_id}", response_model=PatientArchiveOut,
            operation_id="get_patient_archive", responses=_NOT_FOUND,
            summary="康复对象档案 One patient archive")
async def get_patient(
    archives: ArchivesDep, actor: Reader,
    patient_id: Annotated[str, Path(max_length=64, description="康复对象标识 patient id")],
) -> JSONResponse:
    """The person (masked), and each case in the caller's scope with its steps (evaluations,
    agreements, reassessments, relocations, relapses, exits) and services by type."""
    return JSONResponse(await archives.patient(actor, patient_id))


@router.get("/v1/archives/institutions/{institution_id}", response_model=InstitutionArchiveOut,
            operation_id="get_institution_archive", responses={
                **_NOT_FOUND, 403: {"description": "outside the caller's jurisdiction"}},
            summary="服务机构档案 Institution archive")
async def get_institution_archive(
    archives: ArchivesDep, actor: Reader,
    institution_id: Annotated[str, Path(max_length=64, description="机构标识")],
) -> JSONResponse:
    """Profile plus occupancy (active cases against capacity), staff compliance against the
    30 % qualified share and 20 training hours, services by type, exits, relapses."""
    return JSONResponse(await archives.institution(actor, institution_id))
