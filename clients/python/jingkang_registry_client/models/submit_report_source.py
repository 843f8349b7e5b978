from enum import StrEnum

class SubmitReportSource(StrEnum):
    ACCEPTED = "accepted"
    LIVE = "live"

    def __str__(self) -> str:
        return str(self.value)
