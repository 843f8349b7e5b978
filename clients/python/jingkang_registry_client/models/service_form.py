from enum import StrEnum

class ServiceForm(StrEnum):
    DAY_TRAINING = "day_training"
    FAMILY_EXPERT_EXCHANGE = "family_expert_exchange"
    HOME_SUPPORT = "home_support"
    PEER_SUPPORT = "peer_support"
    TRANSITIONAL_HOUSING = "transitional_housing"

    def __str__(self) -> str:
        return str(self.value)
