"""Persons: erasure of their personal data (crypto-shredding)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import Response

from jingkang.common.domain.actor import Actor
from jingkang.common.web.auth import require_roles
from jingkang.common.web.requests import Meta, with_body_hash

from ...application.erasure import PersonErasure
from ...domain.commands import Erasure
from ..deps import actor_of
from ..schemas import ErasureOut

router = APIRouter(tags=["persons"])


async def erasure_of(request: Request) -> PersonErasure:
    return request.app.state.runtime.erasure


@router.post("/v1/persons/{patient_id}/erasure", response_model=ErasureOut,
             operation_id="erase_person", dependencies=[Depends(require_roles(("admin",)))],
             responses={404: {"description": "no such person"},
                        409: {"description": "open_case, already_erased"}},
             summary="删除个人信息 Erase a person's personal data")
async def erase_person(
    body: Erasure, request: Request, meta: Meta,
    erasure: Annotated[PersonErasure, Depends(erasure_of)],
    actor: Annotated[Actor, Depends(actor_of)],
    patient_id: Annotated[str, Path(pattern=r"^[0-9a-f]{64}$", description=(
        "康复对象标识 the case's `patient_id`"))],
) -> Response:
    """Destroys the person's data keys: names, identity numbers, contacts and clinical notes in
    every event and answer read as erased from now on, while the history, its hash chain and
    every count stay as they were.  The person's cases must be closed.  An erasure event on
    the person's stream tells the registry to forget them too."""
    meta = with_body_hash(meta, "POST", request.url.path, body)
    answer = await erasure.erase(patient_id, body.reason, actor, meta)
    return Response(answer, media_type="application/json")
