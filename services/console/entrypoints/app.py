"""The console's FastAPI application: pages, static files, security headers."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles

from ..bootstrap import build_runtime
from ..config import Settings
from .routes import (admin, applications, audit, cases, civil_affairs, coverage, hospital,
                     institution, institution_profile, institutions, placement, queues,
                     service_records, signin, signin_log, worklists)
from .web import HERE, CsrfRefused, Redirect, page

# Scripts and styles only from the console itself; no inline script, no framing.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
                               "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(settings: Settings | None = None,
               now: Callable[[], datetime] | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        kwargs: dict[str, Any] = {"now": now} if now else {}
        app.state.runtime = await build_runtime(settings, **kwargs)
        try:
            yield
        finally:
            await app.state.runtime.close()

    app = FastAPI(title="精康工作台 Jingkang console", lifespan=lifespan, docs_url=None,
                  redoc_url=None, openapi_url=None)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    for module in (signin, admin, hospital, applications, cases, worklists, placement, queues,
                   institution, service_records, civil_affairs, institutions,
                   institution_profile, coverage, audit):
        app.include_router(module.router)
    app.include_router(signin_log.router)
    _install_handlers(app, settings)
    return app


def _install_handlers(app: FastAPI, settings: Settings) -> None:
    @app.exception_handler(Redirect)
    async def _redirect(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, Redirect)
        return RedirectResponse(exc.url, status_code=303)

    @app.exception_handler(CsrfRefused)
    async def _csrf(request: Request, exc: Exception) -> HTMLResponse:
        return page(request, "problem.html", status=403,
                    errors={"": "表单已失效（CSRF 校验未通过），请返回后刷新页面重新提交"})

    @app.get("/healthz", include_in_schema=False)
    async def healthz() -> JSONResponse:
        return JSONResponse({"status": "ok"})

    @app.middleware("http")
    async def _headers(request: Request, call_next: Callable[[Request], Any]) -> Response:
        response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        if not request.url.path.startswith("/static/"):
            response.headers["Cache-Control"] = "no-store"
        if settings.hsts:
            response.headers["Strict-Transport-Security"] = "max-age=31536000"
        return response
