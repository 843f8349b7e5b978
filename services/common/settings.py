"""Settings both services read, from JINGKANG_* environment variables or a .env file."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

# Accepted only with JINGKANG_ENVIRONMENT=development, so a deployment cannot forget them.
DEVELOPMENT_SECRET = "jingkang-development-secret-change-me"
DEVELOPMENT_PERSON_KEY = "jingkang-development-person-key-change-me"


class CommonSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JINGKANG_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    data_dir: Path = Field(Path("data"), description="where the embedded SQLite files live")
    host: str = Field("127.0.0.1", description="address the services listen on")
    jwt_secret: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    jwt_ttl_seconds: int = Field(3600, ge=60)
    jwt_algorithm: Literal["HS256", "RS256"] = Field(
        "HS256", description="HS256 with jwt_secret (local), RS256 with a public key or JWKS")
    jwt_public_key_file: Path | None = Field(None, description="PEM public key for RS256")
    jwt_jwks_url: str | None = Field(None, description="JWKS endpoint for RS256")
    jwt_issuer: str | None = Field(None, description="required `iss` claim, if set")
    jwt_audience: str | None = Field(None, description="required `aud` claim, if set")
    service_token: SecretStr | None = Field(
        None, description="token this service presents to the other's feed (RS256 deployments)")
    person_key_secret: SecretStr = Field(
        SecretStr(DEVELOPMENT_PERSON_KEY),
        description="HMAC key for identity numbers: duplicates found without storing them readable")
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    referral_url: str = "http://127.0.0.1:8001"
    registry_url: str = "http://127.0.0.1:8002"
    feed_poll_seconds: float = Field(0.5, gt=0, le=10,
                                     description="timed re-poll behind feed wake-ups")

    @model_validator(mode="after")
    def _refuse_development_secret(self) -> CommonSettings:
        if self.jwt_algorithm == "RS256" and not (self.jwt_public_key_file or self.jwt_jwks_url):
            raise ValueError("JINGKANG_JWT_ALGORITHM=RS256 needs JINGKANG_JWT_PUBLIC_KEY_FILE "
                             "or JINGKANG_JWT_JWKS_URL")
        if self.environment != "production":
            return self
        if self.jwt_secret.get_secret_value() == DEVELOPMENT_SECRET:
            raise ValueError("JINGKANG_JWT_SECRET must be set in production")
        if self.person_key_secret.get_secret_value() == DEVELOPMENT_PERSON_KEY:
            raise ValueError("JINGKANG_PERSON_KEY_SECRET must be set in production")
        return self

    def sqlite_url(self, name: str) -> str:
        return f"sqlite+aiosqlite:///{self.data_dir / f'{name}.db'}"
