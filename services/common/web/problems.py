"""Errors as ``application/problem+json`` (RFC 9457) with a stable ``code``."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from jingkang_events import DatabaseUnavailable

from jingkang.common.application.answers import IdempotencyKeyReused
from jingkang.common.web.error_codes import problem_type
from jingkang.common.web.field_checks import more_problems
from jingkang.common.web.openapi_doc import document_operations
from jingkang.common.domain.field_messages import message_en, message_zh

log = logging.getLogger(__name__)

MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_OUTAGE_SECONDS = 5


class Problem(Exception):
    """A refusal to answer with a problem document; raise it anywhere below a route."""

    def __init__(self, status: int, code: str, title: str, detail: str = "",
                 *, errors: list[dict[str, str]] | None = None,
                 headers: dict[str, str] | None = None, **extra: Any) -> None:
        super().__init__(detail or title)
        self.status, self.code, self.title, self.detail = status, code, title, detail
        self.errors, self.headers, self.extra = errors, headers, extra

    def body(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": problem_type(self.code), "title": self.title,
                                "status": self.status, "detail": self.detail, "code": self.code}
        if self.errors is not None:
            body["errors"] = self.errors
        body.update(self.extra)
        return body


def problem_response(problem: Problem) -> JSONResponse:
    return JSONResponse(problem.body(), status_code=problem.status, media_type=MEDIA_TYPE,
                        headers=problem.headers)


def _field_path(loc: tuple[Any, ...], kind: str = "") -> str:
    if kind == "json_invalid":
        return "body"  # the location is a character offset, not a field
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header"):
        parts = parts[1:] or parts
    return ".".join(parts)


async def _on_problem(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(exc)


async def _on_validation(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field_path(tuple(e.get("loc", ())), e.get("type", "")),
               "message": message_en(e), "message_zh": message_zh(e)} for e in exc.errors()]
    errors += more_problems(exc.body, {e["field"] for e in errors})
    fields = ", ".join(e["field"] for e in errors)
    return problem_response(Problem(422, "validation_error", "Invalid request",
                                    f"invalid: {fields}", errors=errors))


async def _on_http(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:  # a body the framework could not even parse
        return problem_response(Problem(422, "validation_error", "Invalid request",
                                        str(exc.detail), errors=[{
                                            "field": "body", "message": str(exc.detail),
                                            "message_zh": "请求体无法解析"}]))
    code = {404: "not_found", 405: "method_not_allowed"}.get(exc.status_code, "http_error")
    return problem_response(Problem(exc.status_code, code, str(exc.detail), str(exc.detail),
                                    headers=getattr(exc, "headers", None)))


async def _on_key_reused(_: Request, exc: Exception) -> JSONResponse:
    return problem_response(Problem(
        422, "idempotency_key_reused", "Idempotency-Key reused with another request", str(exc),
        errors=[{"field": "Idempotency-Key", "message": str(exc)}]))


def unavailable() -> JSONResponse:
    return problem_response(Problem(
        503, "unavailable", "Service unavailable",
        "the database cannot be reached now; nothing was answered from it — retry later",
        headers={"Retry-After": str(RETRY_AFTER_OUTAGE_SECONDS)}))


async def _on_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
    return unavailable()


def _caused_by_outage(exc: BaseException | None) -> bool:
    while exc is not None:
        if isinstance(exc, DatabaseUnavailable):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    if _caused_by_outage(exc):  # raised outside a route (a middleware), or wrapped by one
        return await _on_unavailable(request, exc)
    # The body says nothing about internals; the log has the trace (and no request body).
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return problem_response(Problem(500, "internal_error", "Internal error",
                                    "the error was logged with this request id"))


def install_problem_handlers(app: FastAPI) -> None:
    install_problem_documents(app)
    app.add_exception_handler(Problem, _on_problem)
    app.add_exception_handler(RequestValidationError, _on_validation)
    app.add_exception_handler(StarletteHTTPException, _on_http)
    app.add_exception_handler(IdempotencyKeyReused, _on_key_reused)
    app.add_exception_handler(DatabaseUnavailable, _on_unavailable)
    app.add_exception_handler(Exception, _on_unexpected)


# --- the OpenAPI documents say what the handlers above answer ---------------------------------

_PROBLEM_SCHEMA = {
    "type": "object", "title": "Problem",
    "description": "RFC 9457 problem details with a stable `code` and, for bad input, `errors`",
    "properties": {
        "type": {"type": "string", "description": "问题类型 a URI naming the problem"},
        "title": {"type": "string", "description": "标题 short summary"},
        "status": {"type": "integer", "description": "状态码 the HTTP status"},
        "detail": {"type": "string", "description": "说明 what happened (Chinese by default, "
                   "English on Accept-Language: en)"},
        "detail_en": {"type": "string", "description": "the specifics in English, beside a "
                      "Chinese detail"},
        "code": {"type": "string", "description": "代码 stable machine-readable code"},
        "errors": {"type": "array", "description": "字段错误 one entry per bad field",
                   "items": {"type": "object", "properties": {
                       "field": {"type": "string"}, "message": {"type": "string"},
                       "message_en": {"type": "string"}}}},
    },
    "required": ["type", "title", "status", "code"],
}
def document_problems(schema: dict[str, Any],
                      examples: dict[str, Any] | None = None) -> dict[str, Any]:
    """Every refusal an operation can answer, as problem+json, in the OpenAPI document; and
    the request bodies' examples (schema name → example)."""
    schema.setdefault("components", {}).setdefault("schemas", {})["Problem"] = _PROBLEM_SCHEMA
    for name in ("HTTPValidationError", "ValidationError"):
        schema["components"]["schemas"].pop(name, None)
    return document_operations(schema, examples or {})


def install_problem_documents(app: FastAPI) -> None:
    generate = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            document_problems(generate(), getattr(app.state, "schema_examples", {}))
        return app.openapi_schema  # type: ignore[return-value]

    app.openapi = openapi  # type: ignore[method-assign]
