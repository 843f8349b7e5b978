from enum import StrEnum

class Status(StrEnum):
    CLOSED = "closed"
    OPERATING = "operating"
    SUSPENDED = "suspended"

    def __str__(self) -> str:
        return str(self.value)
