from enum import StrEnum

class Kind(StrEnum):
    CLUBHOUSE = "clubhouse"
    COMPREHENSIVE_CENTRE = "comprehensive_centre"
    DAY_CARE = "day_care"
    FARM_THERAPY = "farm_therapy"
    STATION = "station"
    TRANSITIONAL_HOUSING = "transitional_housing"
    WORK_THERAPY = "work_therapy"

    def __str__(self) -> str:
        return str(self.value)
