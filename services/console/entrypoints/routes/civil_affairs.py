"""民政部门 工作台: the progress summary (推进情况汇总表) of the user's region for a period, its
spreadsheet downloaded through the console with the user's own token, and the reports due."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from jingkang.common.domain.chinatime import CHINA

from ...domain.refusals import field_errors
from ...domain.worklists import (REPORT_STATUSES, chart_of, check_period, column_groups,
                                 current_period)
from ..web import Apis, SignedInUser, User, page, require_role, runtime

router = APIRouter(include_in_schema=False)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _period(request: Request) -> tuple[str, dict[str, str]]:
    today = runtime(request).now().astimezone(CHINA).date()
    period = request.query_params.get("period", "").strip()[:7] or current_period(today)
    refusal = check_period(period)
    return period, {"period": refusal} if refusal else {}


def _region(user: SignedInUser) -> str:
    return user.account.region[:6]  # a township's official reads its county's summary


@router.get("/civil-affairs")
async def civil_affairs_work(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "civil_affairs")
    period, errors = _period(request)
    progress: dict[str, Any] | None = None
    if not errors:
        answer = await apis.call(user.account, "GET", "registry", "/v1/statistics/progress",
                                 params={"region": _region(user), "period": period})
        if answer.ok:
            progress = answer.body
        else:
            errors = field_errors(answer.body)
    due = await apis.call(user.account, "GET", "registry", "/v1/reports/due",
                          params={"region": user.account.region})
    if not due.ok:
        errors = {**field_errors(due.body), **errors}
    return page(request, "civil_affairs.html", user, status=422 if "period" in errors else 200,
                period=period, progress=progress, errors=errors,
                groups=column_groups(progress["columns"]) if progress else [],
                chart=chart_of(progress) if progress and progress["rows"] else None,
                due=due.body if due.ok else None, REPORT_STATUSES=REPORT_STATUSES,
                title="民政工作台")


@router.get("/civil-affairs/progress.xlsx")
async def progress_xlsx(request: Request, user: User, apis: Apis) -> Response:
    require_role(user, "civil_affairs")
    period, errors = _period(request)
    status = 422
    if not errors:
        answer = await apis.call(user.account, "GET", "registry", "/v1/statistics/progress",
                                 params={"region": _region(user), "period": period,
                                         "format": "xlsx"})
        if answer.ok and answer.headers.get("content-type", "").startswith(XLSX):
            name = f"progress-{_region(user)}-{period}.xlsx"
            return Response(answer.content, media_type=XLSX, headers={
                "Content-Disposition": f'attachment; filename="{name}"'})
        errors = field_errors(answer.body) if not answer.ok else {"": "未能取得汇总表"}
        status = answer.status if 400 <= answer.status < 500 else 502
    return page(request, "problem.html", user, status=422 if "period" in errors else status,
                errors=errors)
