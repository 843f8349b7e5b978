from enum import StrEnum

class EmploymentStatus(StrEnum):
    EMPLOYED = "employed"
    NOT_APPLICABLE = "not_applicable"
    NOT_EMPLOYED = "not_employed"
    SHELTERED_EMPLOYMENT = "sheltered_employment"
    SUPPORTED_EMPLOYMENT = "supported_employment"

    def __str__(self) -> str:
        return str(self.value)
