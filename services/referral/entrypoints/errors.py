"""Domain and application refusals → HTTP, in one table."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from jingkang.common.web.problems import Problem, problem_response

from ..domain.errors import DomainError

STATUS_BY_CODE: dict[str, tuple[int, str]] = {
    "invalid_transition": (409, "Action not allowed in this state"),
    "duplicate_case": (409, "The person already has an open case"),
    "open_case": (409, "The person has an open case"),
    "already_erased": (409, "The person's data is erased already"),
    "reconfirmation_required": (409, "Willingness must be re-reviewed first"),
    "exit_not_recommended": (409, "No assessment recommends an exit"),
    "conflict": (409, "Concurrent change"),
    "consent_required": (422, "Consent required"),
    "agreement_required": (422, "Agreement required"),
    "idempotency_key_reused": (422, "Idempotency-Key reused with another request"),
    "forbidden_role": (403, "Role not allowed"),
    "not_case_institution": (403, "Not this case's institution"),
    "not_found": (404, "Not found"),
    "precondition_failed": (412, "Version does not match If-Match"),
}


def to_problem(error: DomainError) -> Problem:
    status, title = STATUS_BY_CODE.get(error.code, (422, "Refused"))
    errors = None
    if error.field:
        errors = [{"field": error.field, "message": error.detail,
                   **({"message_zh": error.zh} if error.zh else {})}]
    return Problem(status, error.code, title, error.detail, errors=errors, **error.extra)


async def _on_domain_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    return problem_response(to_problem(exc))


def install_domain_errors(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _on_domain_error)
