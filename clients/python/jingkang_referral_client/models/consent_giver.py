from enum import StrEnum

class ConsentGiver(StrEnum):
    GUARDIAN = "guardian"
    PATIENT = "patient"

    def __str__(self) -> str:
        return str(self.value)
