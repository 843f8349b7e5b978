"""Business refusals.  The HTTP edge maps each ``code`` to a status in one table."""

from __future__ import annotations

from typing import Any


class DomainError(Exception):
    code = "domain_error"

    def __init__(self, detail: str, *, field: str | None = None, zh: str | None = None,
                 **extra: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.zh = zh  # the field's refusal in Chinese, for a clerk (API.md: Chinese by default)
        self.extra = extra


class InvalidTransition(DomainError):
    """The lifecycle does not allow this action from the case's state."""

    code = "invalid_transition"


class DuplicateCase(DomainError):
    """The person already has an open case (one open case per person)."""

    code = "duplicate_case"


class ConsentRequired(DomainError):
    code = "consent_required"


class ReconfirmationRequired(DomainError):
    """The 3-month rule: a social worker must re-review willingness before dispatch."""

    code = "reconfirmation_required"


class ExitNotRecommended(DomainError):
    code = "exit_not_recommended"


class NotCaseInstitution(DomainError):
    """An institution acting on a case that is not (or not yet) its own."""

    code = "not_case_institution"


class RoleNotAllowed(DomainError):
    code = "forbidden_role"


class InvalidCommand(DomainError):
    """The command is well-formed but contradicts the case (for example an unknown institution)."""

    code = "invalid_command"


class AgreementRequired(DomainError):
    code = "agreement_required"


class OpenCase(DomainError):
    """A person with an open case cannot be erased: the case must be closed first."""

    code = "open_case"


class AlreadyErased(DomainError):
    code = "already_erased"
