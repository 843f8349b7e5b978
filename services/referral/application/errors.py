"""Refusals of the application layer (the domain's are in domain/errors.py)."""

from __future__ import annotations

from ..domain.errors import DomainError


class CaseNotFound(DomainError):
    """No such case, or one the caller may not see: the two answers are the same."""

    code = "not_found"


class PreconditionFailed(DomainError):
    code = "precondition_failed"


class Busy(DomainError):
    """The case kept changing under the command; the caller may retry."""

    code = "conflict"
