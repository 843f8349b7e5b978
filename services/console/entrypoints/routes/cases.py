"""个案: the case page (state, deadlines, timeline, the actions the API lists); the case list
is in worklists.py."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...domain.action_forms import FORMS, body_from
from ...domain.refusals import field_errors
from ..web import Apis, SignedInUser, User, check_csrf, page, see_other

router = APIRouter(include_in_schema=False)
CASE_ID_MAX = 64


async def _case_page(request: Request, user: SignedInUser, apis: Any, case_id: str,
                     errors: dict[str, str] | None = None, failed_action: str = "",
                     values: dict[str, Any] | None = None, status: int = 200) -> HTMLResponse:
    case = await apis.call(user.account, "GET", "referral", f"/v1/cases/{case_id}")
    if not case.ok:
        return page(request, "problem.html", user, status=case.status,
                    errors=field_errors(case.body))
    history = await apis.call(user.account, "GET", "referral", f"/v1/cases/{case_id}/events")
    events = history.body.get("events", []) if history.ok else None
    return page(request, "case.html", user, status=status, case=case.body,
                events=list(reversed(events)) if events is not None else None, forms=FORMS,
                errors=errors or {}, failed_action=failed_action, values=values or {})


@router.get("/cases/{case_id}")
async def case_page(request: Request, case_id: str, user: User, apis: Apis) -> HTMLResponse:
    return await _case_page(request, user, apis, case_id[:CASE_ID_MAX])


@router.post("/cases/{case_id}/actions/{action}")
async def case_action(request: Request, case_id: str, action: str, user: User,
                      apis: Apis) -> Response:
    submitted = await check_csrf(request, user)
    case_id = case_id[:CASE_ID_MAX]
    form = FORMS.get(action)
    if form is None:
        return await _case_page(request, user, apis, case_id, {"": "没有此操作"}, action,
                                status=404)
    body, errors = body_from(form, submitted)
    if not errors:
        answer = await apis.call(
            user.account, "POST", "referral", f"/v1/cases/{case_id}/{form.path}", json=body,
            headers={"If-Match": f'"{submitted.get("version", "")}"'}
            if str(submitted.get("version", "")).isdigit() else None)
        if answer.ok:
            return see_other(f"/cases/{case_id}")
        errors = field_errors(answer.body)
    return await _case_page(request, user, apis, case_id, errors, action, submitted,
                            status=422)
