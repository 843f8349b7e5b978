from enum import StrEnum

class Channel(StrEnum):
    GUARDIAN = "guardian"
    MEDICAL = "medical"
    SELF = "self"
    THIRD_PARTY = "third_party"

    def __str__(self) -> str:
        return str(self.value)
