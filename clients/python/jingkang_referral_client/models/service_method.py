from enum import StrEnum

class ServiceMethod(StrEnum):
    CASE_MANAGEMENT = "case_management"
    GROUP_WORK = "group_work"

    def __str__(self) -> str:
        return str(self.value)
