from enum import StrEnum

class Profession(StrEnum):
    NURSE = "nurse"
    OTHER = "other"
    PSYCHIATRIST = "psychiatrist"
    PSYCHOLOGIST = "psychologist"
    REHABILITATION_THERAPIST = "rehabilitation_therapist"
    SOCIAL_WORKER = "social_worker"

    def __str__(self) -> str:
        return str(self.value)
