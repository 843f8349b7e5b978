"""The console's own database: accounts, sessions and the sign-in log (migrations/console)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, DateTime, Integer, MetaData, String, Table

metadata = MetaData()

accounts = Table(
    "console_accounts", metadata,
    Column("username", String(64), primary_key=True),
    Column("role", String(32), nullable=False),
    Column("org_id", String(100), nullable=False),
    Column("region", String(9), nullable=False),
    Column("display_name", String(100), nullable=False),
    Column("password_hash", String(200), nullable=False),  # argon2id, never the password
    Column("totp_secret", String(64)),
    Column("failed_attempts", Integer, nullable=False, default=0),
    Column("locked_until", DateTime(timezone=True)),
    Column("last_totp_step", BigInteger, nullable=False, default=0),
    Column("external_issuer", String(200)),  # an OpenID Connect account: no password
)

sessions = Table(
    "console_sessions", metadata,
    Column("session_id", String(64), primary_key=True),  # sha-256 of the cookie's value
    Column("username", String(64), nullable=False, index=True),
    Column("csrf_token", String(64), nullable=False),
    Column("stage", String(16), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_seen", DateTime(timezone=True), nullable=False),
    Column("pending_secret", String(64)),
)

signins = Table(
    "console_signins", metadata,  # append-only: the database refuses UPDATE and DELETE
    Column("id", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True,
           autoincrement=True),
    Column("at", DateTime(timezone=True), nullable=False, index=True),
    Column("username", String(64), nullable=False, index=True),
    Column("outcome", String(16), nullable=False),
    Column("method", String(16), nullable=False, default=""),
    Column("client", String(64), nullable=False),
    Column("detail", String(200), nullable=False, default=""),
)
