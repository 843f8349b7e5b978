"""The interactive API documents (/docs: Swagger UI, /redoc: ReDoc) served with no internet.

FastAPI's own pages load their scripts from a CDN, which hospital and government intranets
cannot reach: the page stays blank.  These pages load them from the service itself, from the
files the ``fastapi-offline`` package ships (Swagger UI's bundle and style sheet, ReDoc's
standalone bundle; MIT, pinned in pyproject.toml)."""

from __future__ import annotations

from importlib import resources

from fastapi import FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

ASSETS = "/docs-assets"
DOCS_PATHS = ("/docs", "/redoc")


def install_offline_docs(app: FastAPI) -> None:
    """/docs and /redoc with their scripts under /docs-assets (the app is built with FastAPI's
    own ``docs_url`` and ``redoc_url`` off)."""
    folder = resources.files("fastapi_offline") / "static"
    app.mount(ASSETS, StaticFiles(directory=str(folder)), name="docs-assets")
    title = app.title

    @app.get("/docs", include_in_schema=False)
    async def swagger_ui() -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url=app.openapi_url or "/openapi.json", title=f"{title} — API",
            swagger_js_url=f"{ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS}/favicon.png")

    @app.get("/redoc", include_in_schema=False)
    async def redoc() -> HTMLResponse:
        return get_redoc_html(openapi_url=app.openapi_url or "/openapi.json",
                              title=f"{title} — API", redoc_js_url=f"{ASSETS}/redoc.standalone.js",
                              redoc_favicon_url=f"{ASSETS}/favicon.png", with_google_fonts=False)
