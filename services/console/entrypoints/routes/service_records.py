"""服务记录快速录入: every case the institution serves, one row each, keyboard first.  A row
starts from the last service this browser recorded; Enter records it (htmx swaps the list in
place and puts the cursor on the next row; without script the form posts and the page comes
back).  The API checks every record as it checks the case page's form."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from jingkang.common.domain.chinatime import CHINA

from ...domain.action_forms import FORMS, SERVICE_FORMS, SERVICE_METHODS, SERVICE_TYPES, body_from
from ...domain.refusals import field_errors
from ...domain.service_entry import COOKIE, remembered, start_now, to_remember
from ..web import (Apis, SignedInUser, User, check_csrf, page, require_role, runtime, secure,
                   see_other)
from .cases import CASE_ID_MAX

router = APIRouter(include_in_schema=False)
PATH = "/institution/service-records"
LIMIT = 500


async def _serving(apis: Any, user: SignedInUser) -> tuple[list[dict[str, Any]], dict]:
    answer = await apis.call(user.account, "GET", "referral", "/v1/cases", params={
        "institution_id": user.account.org_id, "state": "in_service", "limit": LIMIT})
    if not answer.ok:
        return [], field_errors(answer.body)
    # In the order the cases came, not the API's newest first: a row just recorded keeps its
    # place, so the cursor's next row is the one below.
    return sorted(answer.body["items"], key=lambda c: (c.get("registered_at") or "",
                                                       c["case_id"])), {}


async def _rows(request: Request, user: SignedInUser, apis: Any, *, focus: int = 0,
                defaults: dict[str, str] | None = None, row_errors: dict[str, Any] | None = None,
                done: dict[str, str] | None = None, values: dict[str, Any] | None = None,
                status: int = 200, fragment: bool = False) -> HTMLResponse:
    cases, errors = await _serving(apis, user)
    now = runtime(request).now().astimezone(CHINA)
    return page(request, "_service_rows.html" if fragment else "service_records.html", user,
                status=status, cases=cases, errors=errors, focus=min(focus, max(len(cases) - 1, 0)),
                defaults=defaults or remembered(request.cookies.get(COOKIE)),
                start=start_now(now), row_errors=row_errors or {}, done=done or {},
                values=values or {}, types=SERVICE_TYPES, forms=SERVICE_FORMS,
                methods=SERVICE_METHODS, title="服务记录快速录入")


@router.get(PATH)
async def service_records(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "institution")
    return await _rows(request, user, apis)


@router.post(PATH + "/{case_id}")
async def record(request: Request, case_id: str, user: User, apis: Apis) -> Response:
    require_role(user, "institution")
    submitted = await check_csrf(request, user)
    case_id = case_id[:CASE_ID_MAX]
    fragment = request.headers.get("HX-Request") == "true"
    row = int(submitted["row"]) if str(submitted.get("row", "")).isdigit() else 0
    body, errors = body_from(FORMS["service_record"], submitted)
    if not errors:
        version = str(submitted.get("version", ""))
        answer = await apis.call(
            user.account, "POST", "referral", f"/v1/cases/{case_id}/service-records", json=body,
            headers={"If-Match": f'"{version}"'} if version.isdigit() else None)
        if answer.ok:
            kept = to_remember(submitted)
            response: Response = (
                await _rows(request, user, apis, focus=row + 1, fragment=True,
                            defaults=remembered(kept),
                            done={case_id: _said(submitted)}) if fragment
                else see_other(PATH))
            response.set_cookie(COOKIE, kept, httponly=True, samesite="lax",
                                secure=secure(request), path="/institution",
                                max_age=90 * 24 * 3600)
            return response
        errors = field_errors(answer.body)
    return await _rows(request, user, apis, focus=row, fragment=fragment,
                       row_errors={case_id: errors}, values={case_id: submitted},
                       status=200 if fragment else 422)


def _said(submitted: dict[str, Any]) -> str:
    kind = SERVICE_TYPES.get(str(submitted.get("service_type")), "")
    return f"已记录：{kind} {submitted.get('duration_minutes')}分钟"
