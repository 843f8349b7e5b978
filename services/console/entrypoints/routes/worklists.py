"""个案列表: the cases in the user's scope, filtered by every filter the API offers, page by
page with the API's cursor, printable."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from jingkang.common.domain.chinatime import CHINA

from ...domain.list_filters import ListFilters, described, read_filters
from ...domain.refusals import field_errors
from ..web import Apis, SignedInUser, User, page, runtime

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
CURSOR_MAX = 500
STALE_CURSOR = "翻页位置无效，请从第一页重新开始"


def api_refusals(problem: object) -> dict[str, str]:
    """The API's refusal of a list call; a cursor it did not issue sends back to page one."""
    errors = field_errors(problem)
    if "cursor" in errors:
        errors["cursor"] = STALE_CURSOR
    return errors


def list_page(request: Request, user: SignedInUser, found: ListFilters, *, status: int = 200,
              **context: object) -> HTMLResponse:
    """A work list with its filter form, paging links and the printed page's header."""
    today = runtime(request).now().astimezone(CHINA).date()
    return page(request, context.pop("template", "cases.html"), user, status=status,
                filters=found, errors=found.errors, values=found.values,
                described=described(found, today.year), printed_on=today,
                cursor=request.query_params.get("cursor", ""), **context)


@router.get("/cases")
async def case_list(request: Request, user: User, apis: Apis) -> HTMLResponse:
    """Newest first (the API's order); every filter checked here first, then by the API."""
    year = runtime(request).now().astimezone(CHINA).year
    found = read_filters(dict(request.query_params), year)
    if found.errors:
        return list_page(request, user, found, status=422, items=[], next_cursor=None,
                         title="个案列表")
    cursor = request.query_params.get("cursor", "")[:CURSOR_MAX]
    answer = await apis.call(user.account, "GET", "referral", "/v1/cases", params={
        **found.params, **({"cursor": cursor} if cursor else {}), "limit": PAGE_SIZE})
    if not answer.ok:
        found.errors.update(api_refusals(answer.body))
        return list_page(request, user, found, status=answer.status if answer.status < 500
                         else 502, items=[], next_cursor=None, title="个案列表")
    return list_page(request, user, found, items=answer.body["items"],
                     next_cursor=answer.body.get("next_cursor"), title="个案列表")
