from enum import StrEnum

class ReporterKind(StrEnum):
    COMMITTEE = "committee"
    ENTERPRISE = "enterprise"
    INDIVIDUAL = "individual"
    SOCIAL_ORGANIZATION = "social_organization"

    def __str__(self) -> str:
        return str(self.value)
