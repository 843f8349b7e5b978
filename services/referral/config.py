"""Settings of the referral service."""

from __future__ import annotations

from pydantic import Field

from jingkang.common.settings import CommonSettings


class Settings(CommonSettings):
    referral_database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite file under data_dir")
    referral_port: int = Field(8001, ge=1, le=65535)

    reconfirm_after_months: int = Field(3, ge=1, description="re-review after this wait (Hebei 6)")
    review_working_days: int = Field(5, ge=1, description="application → registration")
    dispatch_working_days: int = Field(5, ge=1, description="registration → referral")
    reassessment_interval_months: int = Field(6, ge=1, description="post-referral assessment")
    follow_up_within_months: int = Field(3, ge=1, description="回访 after closing")
    high_risk_level: int = Field(3, ge=0, le=5, description="this risk level or more goes first")

    @property
    def database_url(self) -> str:
        return self.referral_database_url or self.sqlite_url("referral")

    @property
    def port(self) -> int:
        return self.referral_port
