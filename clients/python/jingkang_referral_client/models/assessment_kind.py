from enum import StrEnum

class AssessmentKind(StrEnum):
    DISCHARGE = "discharge"
    OUTPATIENT = "outpatient"

    def __str__(self) -> str:
        return str(self.value)
