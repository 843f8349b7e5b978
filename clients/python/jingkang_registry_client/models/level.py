from enum import StrEnum

class Level(StrEnum):
    CITY = "city"
    COUNTY = "county"
    TOWNSHIP = "township"
    VILLAGE = "village"

    def __str__(self) -> str:
        return str(self.value)
