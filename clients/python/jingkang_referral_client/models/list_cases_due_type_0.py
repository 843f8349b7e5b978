from enum import StrEnum

class ListCasesDueType0(StrEnum):
    DISPATCH = "dispatch"
    FOLLOW_UP = "follow_up"
    REASSESSMENT = "reassessment"
    RECONFIRMATION = "reconfirmation"
    REVIEW = "review"

    def __str__(self) -> str:
        return str(self.value)
