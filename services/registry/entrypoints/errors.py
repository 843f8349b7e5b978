"""Registry refusals → HTTP, in one table."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from jingkang.common.web.problems import Problem, problem_response

from ..domain.errors import RegistryError

STATUS_BY_CODE: dict[str, tuple[int, str]] = {
    "invalid_csv": (422, "Invalid CSV file"),
    "out_of_scope": (403, "Outside the caller's jurisdiction"),
    "invalid_transition": (409, "Action not allowed in this status"),
    "duplicate_institution": (409, "Institution registered already"),
    "not_found": (404, "Not found"),
    "precondition_failed": (412, "Version does not match If-Match"),
    "idempotency_key_reused": (422, "Idempotency-Key reused with another request"),
    "busy": (409, "Concurrent change"),
}


def to_problem(error: RegistryError) -> Problem:
    status, title = STATUS_BY_CODE.get(error.code, (422, "Refused"))
    extra = dict(error.extra)
    errors = extra.pop("errors", None)
    if errors is None and error.field:
        errors = [{"field": error.field, "message": error.message}]
    return Problem(status, error.code, title, error.message, errors=errors, **extra)


async def _on_registry_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RegistryError)
    return problem_response(to_problem(exc))


def install_registry_errors(app: FastAPI) -> None:
    app.add_exception_handler(RegistryError, _on_registry_error)
