"""社会工作者 登记申请: register a self-application or a third-party report; the case then
waits in the review queue.  A reporter account reports (third party only)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from jingkang.common.domain.chinatime import china_date

from ...domain.application_form import REPORTER_KINDS, application_body, channels_for
from .referral_submit import Refused, submit_referral
from ..web import Apis, User, check_csrf, page, require_role

router = APIRouter(include_in_schema=False)
ROLES = ("social_worker", "reporter")


def _form(request: Request, user: User, values: dict[str, Any], errors: dict[str, str],
          status: int = 200, duplicate: str = "") -> HTMLResponse:
    today = china_date(datetime.now(UTC)).isoformat()
    return page(request, "application.html", user, status=status,
                values={"applied_on": today, **values}, errors=errors,
                channels=channels_for(user.role), reporter_kinds=REPORTER_KINDS,
                duplicate=duplicate, today=today)


@router.get("/applications")
async def application_form(request: Request, user: User) -> HTMLResponse:
    require_role(user, *ROLES)
    return _form(request, user, {}, {})


@router.post("/applications")
async def submit(request: Request, user: User, apis: Apis) -> Response:
    require_role(user, *ROLES)
    form = await check_csrf(request, user)
    body, errors = application_body(form, china_date(datetime.now(UTC)), user.role)
    if errors:
        return _form(request, user, form, errors, status=422)
    sent = await submit_referral(apis, user, "/v1/referrals/applications", body)
    if isinstance(sent, Refused):
        return _form(request, user, form, sent.errors, status=sent.status,
                     duplicate=sent.duplicate)
    return sent
