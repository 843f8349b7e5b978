"""Settings of the registry service."""

from __future__ import annotations

from pydantic import Field

from jingkang.common.settings import CommonSettings


class Settings(CommonSettings):
    registry_database_url: str | None = Field(
        None, description="SQLAlchemy URL; default: SQLite file under data_dir")
    registry_port: int = Field(8002, ge=1, le=65535)

    @property
    def database_url(self) -> str:
        return self.registry_database_url or self.sqlite_url("registry")

    @property
    def port(self) -> int:
        return self.registry_port
