"""康复服务机构 工作台: the institution's work list — cases dispatched or relocating to it
awaiting its answer, cases in service without this month's service record, reassessments due —
each linking to the case page and its action forms."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jingkang.common.domain.chinatime import CHINA

from ...domain.refusals import field_errors
from ...domain.worklists import may_have_record_this_month, recorded_this_month, relocating_to
from ..web import Apis, SignedInUser, User, page, require_role, runtime

router = APIRouter(include_in_schema=False)
LIMIT = 500  # the API's largest page: more than one institution serves at a time


async def _cases(apis: Any, user: SignedInUser, **params: Any) -> tuple[list, dict]:
    answer = await apis.call(user.account, "GET", "referral", "/v1/cases", params={
        "institution_id": user.account.org_id, "limit": LIMIT, **params})
    if not answer.ok:
        return [], field_errors(answer.body)
    return answer.body["items"], {}


async def _moving_in(apis: Any, user: SignedInUser) -> tuple[list, dict]:
    """Relocations pushed to this institution: the API scopes an institution's list to its
    own cases and those targeted at it, and ``institution_id`` names the sending one."""
    answer = await apis.call(user.account, "GET", "referral", "/v1/cases",
                             params={"state": "relocating", "limit": LIMIT})
    if not answer.ok:
        return [], field_errors(answer.body)
    return relocating_to(answer.body["items"], user.account.org_id), {}


async def _record_due(apis: Any, user: SignedInUser, case: dict[str, Any], today: Any) -> bool:
    if not may_have_record_this_month(case, today):
        return True
    history = await apis.call(user.account, "GET", "referral",
                              f"/v1/cases/{case['case_id']}/events")
    return not (history.ok and recorded_this_month(history.body.get("events", []), today))


@router.get("/institution")
async def institution_work(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "institution")
    today = runtime(request).now().astimezone(CHINA).date()
    errors: dict[str, str] = {}
    awaiting, refused = await _cases(apis, user, state="dispatched")
    errors |= refused
    moving_in, refused = await _moving_in(apis, user)
    awaiting, errors = awaiting + moving_in, errors | refused
    serving, refused = await _cases(apis, user, state="in_service")
    errors |= refused
    records_due = [case for case in serving if await _record_due(apis, user, case, today)]
    reassessments: list = []
    for overdue in ("true", "false"):  # overdue first, then the soonest due
        found, refused = await _cases(apis, user, due="reassessment", overdue=overdue)
        reassessments += found
        errors |= refused
    return page(request, "institution.html", user, errors=errors, awaiting=awaiting,
                records_due=records_due, reassessments=reassessments,
                month=f"{today.year}年{today.month}月", title="机构工作台")
