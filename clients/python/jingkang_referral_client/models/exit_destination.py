from enum import StrEnum

class ExitDestination(StrEnum):
    EMPLOYMENT = "employment"
    HOME = "home"
    OTHER_REHAB_SERVICE = "other_rehab_service"
    SHELTERED_EMPLOYMENT = "sheltered_employment"

    def __str__(self) -> str:
        return str(self.value)
