from enum import StrEnum

class StatusAction(StrEnum):
    CLOSE = "close"
    REOPEN = "reopen"
    SUSPEND = "suspend"

    def __str__(self) -> str:
        return str(self.value)
