"""Settings of the console."""

from __future__ import annotations

from pydantic import Field

from jingkang.common.settings import CommonSettings


class Settings(CommonSettings):
    console_database_url: str | None = Field(
        None, description="SQLAlchemy URL of the accounts database; default: SQLite under data_dir")
    console_port: int = Field(8003, ge=1, le=65535)
    console_idle_minutes: int = Field(
        30, ge=1, le=24 * 60, description="a session unused this long is signed out")
    console_session_hours: int = Field(
        12, ge=1, le=72, description="a session ends this long after sign-in, used or not")
    console_lockout_failures: int = Field(
        5, ge=1, le=20, description="consecutive failed sign-ins that lock an account")
    console_lockout_minutes: int = Field(
        15, ge=1, description="how long a locked account stays locked")
    console_api_token_seconds: int = Field(
        300, ge=60, le=3600, description="lifetime of the bearer tokens the console mints")
    console_secure_cookies: bool = Field(
        False, description="always mark the session cookie Secure (it is whenever the request "
                           "came over HTTPS)")

    @property
    def database_url(self) -> str:
        return self.console_database_url or self.sqlite_url("console")

    @property
    def port(self) -> int:
        return self.console_port
