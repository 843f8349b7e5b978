from enum import StrEnum

class ServiceType(StrEnum):
    CAREGIVER_TRAINING = "caregiver_training"
    FAMILY_SUPPORT = "family_support"
    HOME_GUIDANCE = "home_guidance"
    LIFE_SKILLS = "life_skills"
    MEDICATION_TRAINING = "medication_training"
    PEER_SUPPORT = "peer_support"
    PSYCHOLOGICAL = "psychological"
    RECREATION = "recreation"
    SOCIAL_SKILLS = "social_skills"
    VOCATIONAL = "vocational"

    def __str__(self) -> str:
        return str(self.value)
