"""系统管理: accounts, created by an administrator; the home page sends each role to its work."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...domain.accounts import ROLES, SECOND_FACTOR_ROLES, AccountRefused
from ..web import User, check_csrf, page, require_role, runtime, see_other

router = APIRouter(include_in_schema=False)
HOME = {"hospital": "/hospital", "social_worker": "/queues/review",
        "platform": "/queues/dispatch", "admin": "/admin/accounts",
        "institution": "/institution", "civil_affairs": "/civil-affairs",
        "reporter": "/applications", "auditor": "/audit"}


@router.get("/")
async def home(user: User) -> Response:
    return see_other(HOME.get(user.role, "/cases"))


async def _accounts_page(request: Request, user: User, values: dict, errors: dict,  # noqa: ANN001
                         status: int = 200, created: str = "") -> HTMLResponse:
    return page(request, "accounts.html", user, status=status, values=values, errors=errors,
                accounts=await runtime(request).accounts.list(), roles=ROLES,
                second_factor_roles=SECOND_FACTOR_ROLES, created=created)


@router.get("/admin/accounts")
async def accounts(request: Request, user: User) -> HTMLResponse:
    require_role(user, "admin")
    return await _accounts_page(request, user, {}, {})


@router.post("/admin/accounts")
async def create_account(request: Request, user: User) -> Response:
    require_role(user, "admin")
    form = await check_csrf(request, user)
    try:
        account = await runtime(request).accounts.create(
            username=str(form.get("username", "")), role=str(form.get("role", "")),
            org_id=str(form.get("org_id", "")), region=str(form.get("region", "")),
            display_name=str(form.get("display_name", "")),
            password=str(form.get("password", "")), created_by=user.account.username)
    except AccountRefused as refused:
        values = {k: v for k, v in form.items() if k != "password"}
        return await _accounts_page(request, user, values, {refused.field: str(refused)},
                                    status=422)
    return await _accounts_page(request, user, {}, {}, created=account.username)
