"""医疗机构工作台: upload a medical assessment (with the patient's and guardian's consent)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from jingkang.common.domain.chinatime import china_date

from ...domain.assessment_form import assessment_body, id_number_problem
from ...domain.labels import ASSESSMENT_KINDS
from .referral_submit import Refused, submit_referral
from ..web import Apis, User, check_csrf, page, require_role

router = APIRouter(include_in_schema=False)


def _today() -> date:
    return china_date(datetime.now(UTC))


def _form(request: Request, user: User, values: dict, errors: dict, status: int = 200,  # noqa: ANN001
          duplicate: str = "") -> HTMLResponse:
    return page(request, "hospital.html", user, status=status, values=values, errors=errors,
                kinds=ASSESSMENT_KINDS, duplicate=duplicate, today=_today().isoformat())


@router.get("/hospital")
async def hospital(request: Request, user: User) -> HTMLResponse:
    require_role(user, "hospital")
    return _form(request, user, {"assessment_kind": "discharge", "risk_level": "0"}, {})


@router.get("/id-check")
async def id_check(request: Request, user: User) -> HTMLResponse:
    """The identity number checked as it is typed (htmx): a hint beside the field."""
    value = request.query_params.get("person.id_number", "").strip()
    problem = id_number_problem(value, _today()) if len(value) >= 18 else ""
    if not value:
        return HTMLResponse("")
    if len(value) < 18:
        return HTMLResponse(f'<span class="hint">已输入{len(value)}位，共18位</span>')
    if problem:
        return HTMLResponse(f'<span class="error">{problem}</span>')
    return HTMLResponse('<span class="ok">身份证号码校验通过</span>')


@router.post("/hospital")
async def upload(request: Request, user: User, apis: Apis) -> Response:
    require_role(user, "hospital")
    form = await check_csrf(request, user)
    body, errors = assessment_body(form, _today())
    if errors:
        return _form(request, user, form, errors, status=422)
    sent = await submit_referral(apis, user, "/v1/referrals/medical-assessments", body)
    if isinstance(sent, Refused):
        return _form(request, user, form, sent.errors, status=sent.status,
                     duplicate=sent.duplicate)
    return sent
