"""Business refusals of the registry; the edge maps each to an HTTP status in one table."""

from __future__ import annotations


class RegistryError(Exception):
    code = "registry_error"

    def __init__(self, message: str, *, field: str | None = None, **extra: object) -> None:
        super().__init__(message)
        self.message, self.field, self.extra = message, field, extra


class InvalidField(RegistryError):
    """A value is well-formed but not acceptable (an unknown region, a township elsewhere)."""

    code = "invalid_command"


class OutOfScope(RegistryError):
    """The caller's jurisdiction does not include the region or institution concerned."""

    code = "out_of_scope"


class InvalidStatusChange(RegistryError):
    code = "invalid_transition"


class DuplicateInstitution(RegistryError):
    code = "duplicate_institution"


class InstitutionNotFound(RegistryError):
    code = "not_found"
