"""登录: password, then the TOTP code (or enrolling an authenticator first), or through the
OpenID Connect provider (统一身份认证) where one is configured; signing out."""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from ...application.signin import SignInRefused
from ...domain import totp
from ...domain.oidc import OidcRefused
from ..web import (
    SIGNIN_CSRF_COOKIE,
    SESSION_COOKIE,
    CsrfRefused,
    Redirect,
    User,
    check_csrf,
    client_of,
    page,
    runtime,
    secure,
    see_other,
    session_at_any_stage,
    set_session_cookie,
    sign_in_of,
)

router = APIRouter(include_in_schema=False)
OIDC_COOKIE = "jk_oidc"  # the sealed state, nonce and PKCE verifier of a login under way
OIDC_PATH = "/signin/oidc"


def _signin_page(request: Request, error: str = "", username: str = "",
                 status: int = 200, field: str = "password") -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = page(request, "signin.html", status=status, signin_csrf=token, error=error,
                    error_field=field, username=username, oidc=runtime(request).oidc is not None)
    response.set_cookie(SIGNIN_CSRF_COOKIE, token, httponly=True, samesite="strict",
                        secure=secure(request), path="/signin")
    return response


@router.get("/signin")
async def signin_form(request: Request) -> HTMLResponse:
    return _signin_page(request)


@router.post("/signin")
async def signin(request: Request, username: str = Form(""), password: str = Form(""),
                 csrf: str = Form("")) -> Response:
    expected = request.cookies.get(SIGNIN_CSRF_COOKIE, "")
    if not csrf or not expected or not secrets.compare_digest(csrf, expected):
        raise CsrfRefused()
    try:
        cookie, session = await sign_in_of(request).with_password(
            username, password, client_of(request))
    except SignInRefused as refused:
        return _signin_page(request, str(refused), username, status=401)
    response = see_other("/" if session.stage == "full" else "/signin/code")
    set_session_cookie(response, request, cookie)
    response.delete_cookie(SIGNIN_CSRF_COOKIE, path="/signin")
    return response


@router.get(OIDC_PATH)
async def oidc_begin(request: Request) -> Response:
    """To the identity provider, with a fresh state, nonce and PKCE challenge."""
    oidc = runtime(request).oidc
    if oidc is None:
        raise Redirect("/signin")
    try:
        url, sealed = await oidc.begin()
    except OidcRefused as refused:
        return _signin_page(request, str(refused), status=503, field="oidc")
    response = see_other(url)
    # Lax, not Strict: the provider sends the browser back with a top-level navigation.
    response.set_cookie(OIDC_COOKIE, sealed, max_age=600, httponly=True, samesite="lax",
                        secure=secure(request), path=OIDC_PATH)
    return response


@router.get(f"{OIDC_PATH}/callback")
async def oidc_callback(request: Request, state: str = "", code: str = "",
                        error: str = "") -> Response:
    oidc = runtime(request).oidc
    if oidc is None:
        raise Redirect("/signin")
    try:
        cookie, session = await oidc.finish(request.cookies.get(OIDC_COOKIE, ""), state[:200],
                                            code[:2000], error[:100], client_of(request))
    except SignInRefused as refused:
        response = _signin_page(request, str(refused), status=401, field=refused.field)
    else:
        response = see_other("/" if session.stage == "full" else "/signin/code")
        set_session_cookie(response, request, cookie)
    response.delete_cookie(OIDC_COOKIE, path=OIDC_PATH)
    return response


async def _pending(request: Request):  # noqa: ANN202
    user = await session_at_any_stage(request)
    if user is None:
        raise Redirect("/signin")
    if user.session.stage == "full":
        raise Redirect("/")
    return user


def _code_page(request: Request, user, error: str = "", status: int = 200) -> HTMLResponse:  # noqa: ANN001
    secret = user.session.pending_secret
    return page(request, "signin_code.html", user, status=status, error=error,
                enrol=user.session.stage == "enrol", secret=secret,
                uri=totp.provisioning_uri(secret, user.account.username) if secret else "")


@router.get("/signin/code")
async def code_form(request: Request) -> HTMLResponse:
    return _code_page(request, await _pending(request))


@router.post("/signin/code")
async def code(request: Request) -> Response:
    user = await _pending(request)
    form = await check_csrf(request, user)
    try:
        cookie, _ = await sign_in_of(request).with_code(
            user.session, str(form.get("code", "")), client_of(request))
    except SignInRefused as refused:
        return _code_page(request, user, str(refused), status=401)
    response = see_other("/")
    set_session_cookie(response, request, cookie)
    return response


@router.post("/signout")
async def signout(request: Request, user: User) -> Response:
    await check_csrf(request, user)
    await sign_in_of(request).sign_out(user.session, client_of(request))
    response = see_other("/signin")
    response.delete_cookie(SESSION_COOKIE, path="/")
    return response
