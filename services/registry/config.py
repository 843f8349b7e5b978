"""Settings of the registry service."""

from __future__ import annotations

from pydantic import Field

from jingkang.common.settings import CommonSettings


class Settings(CommonSettings):
    registry_database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite file under data_dir")
    registry_port: int = Field(8002, ge=1, le=65535)

    reassessment_interval_months: int = Field(
        6, ge=1, description="standardized service: a post-referral assessment at least this often")
    standardized_monthly_service: bool = Field(
        True, description="standardized service: a service record in every month in service")
    archive_batch_size: int = Field(2000, ge=1, le=2000,
                                    description="events per page the archive consumer applies")
    report_schedule: dict[str, dict[str, dict[str, int | None]]] = Field(
        default_factory=dict, description=(
            "when each level's report is due, by province (two-digit code, or * for the "
            "rest), replacing the documents' defaults: "
            '{"13": {"county": {"months": 3, "day": 25}}}; docs/registry.md, Reporting'))
    report_scan_max_bytes: int = Field(
        5_000_000, ge=1, le=50_000_000,
        description="largest scan of a signed report form accepted (bytes)")

    @property
    def database_url(self) -> str:
        return self.registry_database_url or self.sqlite_url("registry")

    @property
    def port(self) -> int:
        return self.registry_port
