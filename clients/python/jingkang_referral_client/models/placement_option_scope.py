from enum import StrEnum

class PlacementOptionScope(StrEnum):
    CITY = "city"
    COUNTY = "county"

    def __str__(self) -> str:
        return str(self.value)
