"""Work queues: the social worker's review and re-review (reconfirmation) queues and the
platform's dispatch queue with its waitlist, page by page.  The API orders a queue by risk
level 3 or more first, then the soonest due — so the overdue cases lead each band."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jingkang.common.domain.chinatime import CHINA

from ...domain.list_filters import read_filters
from ..web import Apis, SignedInUser, User, require_role, runtime
from .worklists import CURSOR_MAX, PAGE_SIZE, api_refusals, list_page

router = APIRouter(include_in_schema=False)
QUEUE_FILTERS = ("region", "overdue", "risk_level_min")
NOTES = {
    "review": "自申请之日起5个工作日内完成审核；高危险性（3级及以上）个案在前，其次期限最近者。",
    "reconfirmation": "登记或候补满3个月仍未分派的个案，须再次审核本人意愿后方可分派；"
                      "高危险性个案在前，其次期限最近者。",
    "dispatch": "登记后5个工作日内分派至居住地服务机构；高危险性个案在前，其次期限最近者。",
}


async def _page(apis: Any, user: SignedInUser, params: dict[str, Any],
                cursor: str) -> tuple[list, str | None, dict]:
    answer = await apis.call(user.account, "GET", "referral", "/v1/cases", params={
        **params, **({"cursor": cursor[:CURSOR_MAX]} if cursor else {}), "limit": PAGE_SIZE})
    if not answer.ok:
        return [], None, api_refusals(answer.body)
    return answer.body["items"], answer.body.get("next_cursor"), {}


async def _queue(request: Request, user: SignedInUser, apis: Any, due: str, title: str,
                 refused: dict[str, str] | None = None, **extra: Any) -> HTMLResponse:
    year = runtime(request).now().astimezone(CHINA).year
    found = read_filters({**request.query_params, "due": due}, year, (*QUEUE_FILTERS, "due"))
    found.values.pop("due")
    items, next_cursor = [], None
    if not found.errors:
        items, next_cursor, answered = await _page(apis, user, found.params,
                                                   request.query_params.get("cursor", ""))
        found.errors.update(answered)
    found.errors.update(refused or {})  # the waitlist's, on the dispatch page
    return list_page(request, user, found, status=422 if found.errors and not items else 200,
                     template="queue.html", items=items, next_cursor=next_cursor, due=due,
                     title=title, note=NOTES[due], path=request.url.path, **extra)


@router.get("/queues/review")
async def review_queue(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "social_worker")
    return await _queue(request, user, apis, "review", "审核队列")


@router.get("/queues/reconfirmation")
async def reconfirmation_queue(request: Request, user: User, apis: Apis) -> HTMLResponse:
    """Cases waiting three months since registration (or the last confirmation) without a
    dispatch: the applicant's willingness is reviewed again (``due=reconfirmation``)."""
    require_role(user, "social_worker")
    return await _queue(request, user, apis, "reconfirmation", "再次审核队列")


@router.get("/queues/dispatch")
async def dispatch_queue(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "platform")
    waitlist, waitlist_next, refused = await _page(
        apis, user, {"state": "waitlisted"}, request.query_params.get("waitlist_cursor", ""))
    return await _queue(request, user, apis, "dispatch", "分派队列", refused, waitlist=waitlist,
                        waitlist_next=waitlist_next)
