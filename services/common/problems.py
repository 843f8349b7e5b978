"""Errors as ``application/problem+json`` (RFC 9457) with a stable ``code``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .idempotency import IdempotencyKeyReused

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
_TYPE_BASE = "https://jingkang.example/problems/"


class Problem(Exception):
    """A refusal to answer with a problem document; raise it anywhere below a route."""

    def __init__(self, status: int, code: str, title: str, detail: str = "",
                 *, errors: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail or title)
        self.status, self.code, self.title, self.detail = status, code, title, detail
        self.errors, self.headers, self.extra = errors, headers, extra

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": _TYPE_BASE + self.code, "title": self.title,
                                "status": self.status, "detail": self.detail, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem.body(), status_code=problem.status, media_type=MEDIA_TYPE,
                        headers=problem.headers)


def _field_path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts)


async def _on_problem(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(exc)


async def _on_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field_path(tuple(e.get("loc", ()))), "message": e.get("msg", "")}
              for e in exc.errors()]
    fields = ", ".join(e["field"] for e in errors)
    return problem_response(Problem(422, "validation_error", "Invalid request",
                                    f"invalid: {fields}", errors=errors))


async def _on_http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return problem_response(Problem(exc.status_code, code, str(exc.detail), str(exc.detail),
                                    headers=getattr(exc, "headers", None)))


async def _on_key_reused(_: Request, exc: Exception) -> JSONResponse:
    return problem_response(Problem(
        422, "idempotency_key_reused", "Idempotency-Key reused with another request", str(exc),
        errors=[{"field": "Idempotency-Key", "message": str(exc)}]))


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    # The body says nothing about internals; the log has the trace (and no request body).
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(Problem(500, "internal_error", "Internal error",
                                    "the error was logged with this request id"))


def install_problem_handlers(app: FastAPI) -> None:
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(IdempotencyKeyReused, _on_key_reused)
    app.add_exception_handler(Exception, _on_unexpected)
