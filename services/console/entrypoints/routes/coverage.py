"""民政工作台 覆盖率与规范服务率 (coverage and the standardized service rate against the
year's targets, by child region, on a chart) and 摸底情况 (a region's baseline figures for a
period, ``PUT /v1/regions/{code}/baselines/{period}``)."""

from __future__ import annotations

import asyncio
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from jingkang.common.domain.chinatime import CHINA

from ...domain import coverage
from ...domain.institution_forms import BASELINE_FIGURES, baseline_body
from ...domain.registry_refusals import registry_errors
from ...domain.worklists import check_period, current_period
from ..web import Apis, SignedInUser, User, check_csrf, page, require_role, runtime

router = APIRouter(include_in_schema=False)


async def _rows(apis: Apis, user: SignedInUser, as_of: str, year: int
                ) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """One coverage answer per region compared, asked together."""
    compared = coverage.regions_compared(user.account.region[:6], year)
    params = {"as_of": as_of} if as_of else {}
    answers = await asyncio.gather(*(
        apis.call(user.account, "GET", "registry", "/v1/statistics/coverage",
                  params={"region": code, **params}) for code, _ in compared))
    refused = [answer for answer in answers if not answer.ok]
    if refused:
        return [], registry_errors(refused[0].body)
    return [coverage.row_of(name, answer.body)
            for (_, name), answer in zip(compared, answers, strict=True)], {}


@router.get("/civil-affairs/coverage")
async def coverage_page(request: Request, user: User, apis: Apis) -> HTMLResponse:
    require_role(user, "civil_affairs")
    today = runtime(request).now().astimezone(CHINA).date()
    asked = request.query_params.get("as_of", "").strip()[:10]
    day, refusal = coverage.check_as_of(asked, today)
    rows: list[dict[str, Any]] = []
    errors = {"as_of": refusal} if refusal else {}
    if not refusal:
        rows, errors = await _rows(apis, user, day.isoformat() if day else "",
                                   (day or today).year)
    return page(request, "coverage.html", user, status=422 if refusal else 200, as_of=asked,
                rows=rows, errors=errors, chart=coverage.chart_of(rows) if rows else None,
                year=(day or today).year, title="覆盖率与规范服务率")


def _baseline_page(request: Request, user: SignedInUser, values: dict[str, Any],
                   errors: dict[str, str], status: int = 200, saved: Any = None) -> HTMLResponse:
    return page(request, "baseline.html", user, status=status, values=values, errors=errors,
                saved=saved, FIGURES=BASELINE_FIGURES, title="摸底情况填报")


@router.get("/civil-affairs/baselines")
async def baseline_form(request: Request, user: User) -> HTMLResponse:
    require_role(user, "civil_affairs")
    today = runtime(request).now().astimezone(CHINA).date()
    return _baseline_page(request, user, {"region": user.account.region,
                                          "period": current_period(today)}, {})


@router.post("/civil-affairs/baselines")
async def record_baseline(request: Request, user: User, apis: Apis) -> Response:
    require_role(user, "civil_affairs")
    form = await check_csrf(request, user)
    body, errors = baseline_body(form)
    region, period = str(form.get("region", "")).strip(), str(form.get("period", "")).strip()
    if period and (problem := check_period(period)):
        errors["period"] = problem
    if region and not (region.isdigit() and len(region) in (6, 9)):
        errors["region"] = "行政区划代码应为6位（省、市、县）或9位（乡镇、街道）数字"
    if errors:
        return _baseline_page(request, user, form, errors, status=422)
    answer = await apis.call(user.account, "PUT", "registry",
                             f"/v1/regions/{region}/baselines/{period}", json=body)
    if answer.ok:
        return _baseline_page(request, user, form, {}, saved=answer.body)
    return _baseline_page(request, user, form, registry_errors(answer.body, body),
                          status=answer.status if answer.status < 500 else 502)
