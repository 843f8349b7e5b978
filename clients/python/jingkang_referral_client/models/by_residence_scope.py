from enum import StrEnum

class ByResidenceScope(StrEnum):
    CITY = "city"
    COUNTY = "county"

    def __str__(self) -> str:
        return str(self.value)
