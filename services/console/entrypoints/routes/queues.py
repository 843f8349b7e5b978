"""Work queues: the social worker's review queue and the platform's dispatch queue, overdue
cases first (the API puts risk level 3 or more first, then the soonest due)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from ...domain.refusals import field_errors
from ..web import Apis, SignedInUser, User, page, require_role

router = APIRouter(include_in_schema=False)


async def _overdue_first(apis: Any, user: SignedInUser, due: str) -> tuple[list, dict]:
    items: list[dict[str, Any]] = []
    for overdue in ("true", "false"):
        answer = await apis.call(user.account, "GET", "referral", "/v1/cases",
                                 params={"due": due, "overdue": overdue, "limit": 100})
        if not answer.ok:
            return [], field_errors(answer.body)
        items += answer.body["items"]
    return items, {}


@router.get("/queues/review")
async def review_queue(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "social_worker")
    items, errors = await _overdue_first(apis, user, "review")
    return page(request, "queue.html", user, items=items, errors=errors, due="review",
                title="审核队列", note="自申请之日起5个工作日内完成审核；逾期个案排在最前。")


@router.get("/queues/dispatch")
async def dispatch_queue(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "platform")
    items, errors = await _overdue_first(apis, user, "dispatch")
    waitlist = await apis.call(user.account, "GET", "referral", "/v1/cases",
                               params={"state": "waitlisted", "limit": 100})
    return page(request, "queue.html", user, items=items, errors=errors, due="dispatch",
                title="分派队列", note="登记后5个工作日内分派至居住地服务机构；逾期个案排在最前。",
                waitlist=waitlist.body["items"] if waitlist.ok else [])
