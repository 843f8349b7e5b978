"""Settings of the referral service."""

from __future__ import annotations

from pydantic import Field

from jingkang.common.settings import CommonSettings


class Settings(CommonSettings):
    referral_database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite file under data_dir")
    referral_port: int = Field(8001, ge=1, le=65535)

    @property
    def database_url(self) -> str:
        return self.referral_database_url or self.sqlite_url("referral")

    @property
    def port(self) -> int:
        return self.referral_port
