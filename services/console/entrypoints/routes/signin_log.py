"""登录日志: the sign-in log, for the administrator and the auditor, filtered and paged."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ...domain.signin_log import METHODS, OUTCOMES, PAGE_SIZE, QueryRefused, parse_query
from ..web import User, page, require_role, runtime

router = APIRouter(include_in_schema=False)
READERS = ("admin", "auditor")


@router.get("/signins")
async def signins(request: Request, user: User, username: str = "", outcome: str = "",
                  since: str = "", until: str = "",
                  page_number: str = Query("1", alias="page")) -> HTMLResponse:
    require_role(user, *READERS)
    values = {"username": username, "outcome": outcome, "since": since, "until": until}
    try:
        query = parse_query(username, outcome, since, until, page_number)
    except QueryRefused as refused:
        return page(request, "signins.html", user, status=422, values=values,
                    errors={refused.field: str(refused)}, entries=[], total=0, page_number=1,
                    pages=0, OUTCOMES=OUTCOMES, METHODS=METHODS)
    entries, total = await runtime(request).signin_log.search(query)
    return page(request, "signins.html", user, values=values, errors={}, entries=entries,
                total=total, page_number=query.page, pages=-(-total // PAGE_SIZE),
                OUTCOMES=OUTCOMES, METHODS=METHODS)
