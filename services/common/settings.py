"""Settings both services read, from JINGKANG_* environment variables or a .env file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from jingkang_events import LedgerKey

# Accepted only with JINGKANG_ENVIRONMENT=development, so a deployment cannot forget them.
DEVELOPMENT_SECRET = "jingkang-development-secret-change-me"
DEVELOPMENT_PERSON_KEY = "jingkang-development-person-key-change-me"
DEVELOPMENT_MASTER_KEY = "amluZ2thbmctZGV2ZWxvcG1lbnQtbWFzdGVyLWtleSE="  # 32 known bytes
DEVELOPMENT_LEDGER_KEY = "amluZ2thbmctZGV2ZWxvcG1lbnQtbGVkZ2VyLWtleSE="  # 32 known bytes


class CommonSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="JINGKANG_", env_file=".env", extra="ignore")

    environment: Literal["development", "production"] = "development"
    data_dir: Path = Field(Path("data"), description="where the embedded SQLite files live")
    host: str = Field("127.0.0.1", description="address the services listen on")
    jwt_secret: SecretStr = SecretStr(DEVELOPMENT_SECRET)
    jwt_ttl_seconds: int = Field(3600, ge=60, description="lifetime of the tokens minted here")
    token_max_lifetime_seconds: int = Field(
        86_400, ge=60, le=30 * 86_400,
        description="tokens valid for longer (exp - iat) are refused, whoever signed them")
    jwt_algorithm: Literal["HS256", "RS256"] = Field(
        "HS256", description="HS256 with jwt_secret (local), RS256 with a public key or JWKS")
    jwt_public_key_file: Path | None = Field(None, description="PEM public key for RS256")
    jwt_jwks_url: str | None = Field(None, description="JWKS endpoint for RS256")
    jwt_issuer: str | None = Field(None, description="required `iss` claim, if set")
    jwt_audience: str | None = Field(None, description="required `aud` claim, if set")
    service_token: SecretStr | None = Field(
        None, description="token this service presents to the other's feed (RS256 deployments)")
    region_overrides_file: str | None = Field(None, description=(
        "a CSV of division codes added or retired since the installed python-stdnum release "
        "(code,name,added_on,retired_on); docs/registry.md, Division codes"))
    person_key_secret: SecretStr = Field(
        SecretStr(DEVELOPMENT_PERSON_KEY),
        description="HMAC key for identity numbers: duplicates found without storing them readable")
    master_key: SecretStr = Field(
        SecretStr(DEVELOPMENT_MASTER_KEY),
        description="base64 of 32 bytes: wraps each person's data key (crypto-shredding)")
    master_key_file: Path | None = Field(
        None, description="a file holding the master key instead (e.g. a mounted secret)")
    ledger_key: SecretStr = Field(
        SecretStr(DEVELOPMENT_LEDGER_KEY),
        description="base64 of 32 bytes: seals every event and signs checkpoints (never stored "
                    "in the database)")
    ledger_key_file: Path | None = Field(
        None, description="a file holding the ledger key instead (e.g. a mounted secret)")
    checkpoint_interval_seconds: float = Field(
        300, ge=0, le=86_400,
        description="seconds between signed checkpoints of the store (0: only on demand)")
    forwarded_allow_ips: str = Field(
        "127.0.0.1", description=(
            "proxies whose X-Forwarded-For is trusted (comma-separated, or *): the access log "
            "and the rate limit then see the real client address"))
    access_log_retention_days: int = Field(
        180, ge=180, description="access-log entries kept at least this long (网络安全法 art. 21)")
    log_level: Literal["critical", "error", "warning", "info", "debug"] = "info"
    log_format: Literal["console", "json"] = Field("console", description=(
        "console: readable lines for a terminal; json: one JSON object per line for a log "
        "collector (service, time, level, logger, message, request_id)"))
    referral_url: str = "http://127.0.0.1:8001"
    registry_url: str = "http://127.0.0.1:8002"
    feed_poll_seconds: float = Field(0.5, gt=0, le=10,
                                     description="timed re-poll behind feed wake-ups")

    # The edge (hardening.py).
    hsts: bool = Field(False, description="send Strict-Transport-Security: only behind HTTPS")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="browser origins allowed by CORS; none: CORS off")
    max_body_bytes: int = Field(1_048_576, ge=1, description="largest request body")
    max_import_bytes: int = Field(5 * 1_048_576, ge=1,
                                  description="largest body on paths ending in /imports (CSV)")
    rate_limit_enabled: bool = True
    rate_limit_per_second: float = Field(50, gt=0, description="requests per client, sustained")
    rate_limit_burst: int = Field(200, ge=1, description="requests per client, at once")
    rate_limit_max_clients: int = Field(10_000, ge=1, le=1_000_000,
                                        description="clients remembered at most")
    workers: int = Field(1, ge=1, le=32, description=(
        "worker processes `jingkang serve` starts (PostgreSQL only); they share the "
        "rate-limit buckets and the request metrics through shared_state_dir"))
    shared_state_dir: Path | None = Field(None, description=(
        "where one service's worker processes on this host share their rate-limit buckets and "
        "request metrics; `jingkang serve` with several workers sets it (a new private folder "
        "unless given) and empties it at start"))
    body_timeout_seconds: float = Field(
        30, gt=0, le=600, description="a request body not received in full within this: 408")
    access_log_unauthenticated_per_minute: int = Field(
        60, ge=1, description=(
            "access-log entries per client address and minute for calls without a valid token "
            "(more are counted in the metrics, not written)"))

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _parse_origins(cls, value: Any) -> Any:
        # A JSON list or comma-separated; browsers send an Origin without a trailing slash.
        if isinstance(value, str):
            value = json.loads(value) if value.lstrip().startswith("[") else value.split(",")
        if not isinstance(value, list):
            return value
        origins = [str(o).strip().rstrip("/") for o in value if str(o).strip()]
        if "*" in origins:
            raise ValueError("JINGKANG_CORS_ORIGINS lists origins exactly; '*' is refused")
        return origins

    @model_validator(mode="after")
    def _refuse_development_secret(self) -> CommonSettings:
        if self.jwt_algorithm == "RS256" and not (self.jwt_public_key_file or self.jwt_jwks_url):
            raise ValueError("JINGKANG_JWT_ALGORITHM=RS256 needs JINGKANG_JWT_PUBLIC_KEY_FILE "
                             "or JINGKANG_JWT_JWKS_URL")
        if self.jwt_ttl_seconds > self.token_max_lifetime_seconds:
            raise ValueError("JINGKANG_JWT_TTL_SECONDS exceeds "
                             "JINGKANG_TOKEN_MAX_LIFETIME_SECONDS: its tokens would be refused")
        if self.environment != "production":
            return self
        if self.jwt_secret.get_secret_value() == DEVELOPMENT_SECRET:
            raise ValueError("JINGKANG_JWT_SECRET must be set in production")
        if self.person_key_secret.get_secret_value() == DEVELOPMENT_PERSON_KEY:
            raise ValueError("JINGKANG_PERSON_KEY_SECRET must be set in production")
        if self.master_key_file is None and \
                self.master_key.get_secret_value() == DEVELOPMENT_MASTER_KEY:
            raise ValueError("JINGKANG_MASTER_KEY or JINGKANG_MASTER_KEY_FILE must be set in "
                             "production")
        if self.ledger_key_file is None and \
                self.ledger_key.get_secret_value() == DEVELOPMENT_LEDGER_KEY:
            raise ValueError("JINGKANG_LEDGER_KEY or JINGKANG_LEDGER_KEY_FILE must be set in "
                             "production")
        return self

    def master_key_bytes(self) -> bytes:
        from jingkang.common.adapters.crypto import parse_master_key

        if self.master_key_file is not None:
            return parse_master_key(self.master_key_file.read_text(encoding="utf-8"))
        return parse_master_key(self.master_key.get_secret_value())

    def ledger(self) -> LedgerKey:
        """The ledger key: seals events and signs checkpoints (docs/event-store.md)."""
        if self.ledger_key_file is not None:
            return LedgerKey.from_base64(self.ledger_key_file.read_text(encoding="utf-8"))
        return LedgerKey.from_base64(self.ledger_key.get_secret_value())

    def sqlite_url(self, name: str) -> str:
        return f"sqlite+aiosqlite:///{self.data_dir / f'{name}.db'}"
