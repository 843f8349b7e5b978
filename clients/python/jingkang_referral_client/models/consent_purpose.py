from enum import StrEnum

class ConsentPurpose(StrEnum):
    REFERRAL_UPLOAD = "referral_upload"
    RELOCATION = "relocation"
    SHARE_WITH_INSTITUTION = "share_with_institution"

    def __str__(self) -> str:
        return str(self.value)
