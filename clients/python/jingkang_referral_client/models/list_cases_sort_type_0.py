from enum import StrEnum

class ListCasesSortType0(StrEnum):
    UPDATED_AT = "updated_at"
    VALUE_0 = "-updated_at"

    def __str__(self) -> str:
        return str(self.value)
