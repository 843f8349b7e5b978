from enum import StrEnum

class WithdrawalReason(StrEnum):
    DECEASED = "deceased"
    LOST_CONTACT = "lost_contact"
    WITHDRAWN = "withdrawn"

    def __str__(self) -> str:
        return str(self.value)
