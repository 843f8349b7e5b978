"""What every page shares: templates with Chinese filters, the signed-in user, CSRF, redirects."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from jingkang.common.domain.chinatime import china_date

from ..application.ports import ServiceApis
from ..application.signin import SignIn
from ..domain import case_view, labels
from ..domain.accounts import Account, Session

SESSION_COOKIE = "jk_session"
SIGNIN_CSRF_COOKIE = "jk_signin_csrf"
HERE = Path(__file__).parent
templates = Jinja2Templates(directory=HERE / "templates")
templates.env.filters.update(cn_date=labels.chinese_date, cn_time=labels.chinese_time,
                             region=lambda code: labels.region_name(code, date.today().year))
templates.env.filters["working_days"] = lambda due_on: case_view.deadline_text(
    due_on, china_date(datetime.now(UTC)))
templates.env.globals.update(lifecycle_steps=case_view.lifecycle_steps)
templates.env.globals.update(STATES=labels.STATES, ACTIONS=labels.ACTIONS, ROLES=labels.ROLES,
                             DEADLINES=labels.DEADLINES, EVENTS=labels.EVENTS,
                             CHANNELS=labels.CHANNELS, LIST_ORDERS=labels.LIST_ORDERS,
                             china_today=labels.china_today)


class Redirect(Exception):
    def __init__(self, url: str) -> None:
        self.url = url


class CsrfRefused(Exception):
    """A form came without the session's CSRF token."""


@dataclass(frozen=True)
class SignedInUser:
    session: Session
    account: Account

    @property
    def role(self) -> str:
        return self.account.role


def client_of(request: Request) -> str:
    return request.client.host if request.client else "-"


def runtime(request: Request) -> Any:
    return request.app.state.runtime


def sign_in_of(request: Request) -> SignIn:
    return runtime(request).sign_in


def apis_of(request: Request) -> ServiceApis:
    return runtime(request).apis


Apis = Annotated[ServiceApis, Depends(apis_of)]


async def session_at_any_stage(request: Request) -> SignedInUser | None:
    cookie = request.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    found = await sign_in_of(request).resume(cookie, client_of(request))
    return SignedInUser(*found) if found else None


async def signed_in(request: Request) -> SignedInUser:
    user = await session_at_any_stage(request)
    if user is None or user.session.stage != "full":
        raise Redirect("/signin")
    return user


User = Annotated[SignedInUser, Depends(signed_in)]


def require_role(user: SignedInUser, *roles: str) -> None:
    if user.role not in roles:
        raise Redirect("/")


async def check_csrf(request: Request, user: SignedInUser) -> dict[str, Any]:
    """The form's fields, once its ``csrf`` field matches the session's token."""
    form = await request.form()
    sent = str(form.get("csrf", ""))
    if not sent or not secrets.compare_digest(sent, user.session.csrf_token):
        raise CsrfRefused()
    return {key: form.getlist(key) if len(form.getlist(key)) > 1 else value
            for key, value in form.items()}


def secure(request: Request) -> bool:
    return request.url.scheme == "https" or runtime(request).settings.console_secure_cookies


def set_session_cookie(response: Response, request: Request, value: str) -> None:
    response.set_cookie(SESSION_COOKIE, value, httponly=True, samesite="lax",
                        secure=secure(request), path="/")


def page(request: Request, name: str, user: SignedInUser | None = None, status: int = 200,
         **context: Any) -> HTMLResponse:
    context.update(user=user, csrf=user.session.csrf_token if user else "")
    return templates.TemplateResponse(request, name, context, status_code=status)


def see_other(url: str) -> RedirectResponse:
    return RedirectResponse(url, status_code=303)
