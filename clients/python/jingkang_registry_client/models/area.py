from enum import StrEnum

class Area(StrEnum):
    RURAL = "rural"
    URBAN = "urban"

    def __str__(self) -> str:
        return str(self.value)
