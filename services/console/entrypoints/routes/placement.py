"""分派: the institutions of a case's residence with their free places, under the case page's
dispatch form (htmx loads it; without script the form's institution field still works).  Each
row with room has its own button, which posts the same dispatch form with that institution."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ..web import Apis, User, page
from .cases import CASE_ID_MAX

router = APIRouter(include_in_schema=False)


@router.get("/cases/{case_id}/placement")
async def placement(request: Request, case_id: str, user: User, apis: Apis) -> HTMLResponse:
    if user.role != "platform":
        return HTMLResponse("")
    case_id = case_id[:CASE_ID_MAX]
    version = request.query_params.get("version", "")
    answer = await apis.call(user.account, "GET", "referral", f"/v1/cases/{case_id}/placement")
    if not answer.ok:
        return HTMLResponse('<p class="error">暂时无法读取居住地机构的空余名额，可直接填写机构标识。</p>')
    return page(request, "_placement.html", user, options=answer.body, case_id=case_id,
                version=version if version.isdigit() else "")
