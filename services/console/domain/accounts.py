"""Accounts and sessions: who may sign in, when an account locks, when a session ends."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

# The roles a person signs in with (the services' ``service`` role is for machines only).
ROLES = ("hospital", "social_worker", "reporter", "institution", "platform", "civil_affairs",
         "health_commission", "disabled_federation", "auditor", "admin")
# 等保 level 3: two combined authentication techniques for these (a password and TOTP).
SECOND_FACTOR_ROLES = frozenset({"admin", "civil_affairs", "auditor"})
USERNAME = re.compile(r"[a-z0-9][a-z0-9._-]{2,63}")
REGION = re.compile(r"[0-9]{6}(?:[0-9]{3})?")
MIN_PASSWORD_LENGTH = 10


class AccountRefused(ValueError):
    """An account cannot be created as asked; ``field`` names the form field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True, slots=True)
class Account:
    username: str
    role: str
    org_id: str
    region: str
    display_name: str
    password_hash: str
    totp_secret: str | None = None
    failed_attempts: int = 0
    locked_until: datetime | None = None
    last_totp_step: int = 0
    external_issuer: str | None = None  # signs in through this OpenID provider, no password

    @property
    def needs_second_factor(self) -> bool:
        return self.role in SECOND_FACTOR_ROLES or self.totp_secret is not None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def after_failure(self, now: datetime, *, limit: int, lock_for: timedelta) -> Account:
        """One more failure; the ``limit``-th in a row locks the account for ``lock_for``."""
        failures = self.failed_attempts + 1
        if failures >= limit:
            return replace(self, failed_attempts=0, locked_until=now + lock_for)
        return replace(self, failed_attempts=failures)

    def after_success(self) -> Account:
        return replace(self, failed_attempts=0, locked_until=None)


def check_new_account(username: str, role: str, org_id: str, region: str,
                      password: str) -> None:
    if not USERNAME.fullmatch(username):
        raise AccountRefused("username", "用户名为3至64位小写字母、数字、点、横线或下划线")
    if role not in ROLES:
        raise AccountRefused("role", "请选择角色")
    if not 1 <= len(org_id) <= 100:
        raise AccountRefused("org_id", "请填写所属机构标识（不超过100字）")
    if not REGION.fullmatch(region):
        raise AccountRefused("region", "行政区划代码为6位或9位数字")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise AccountRefused("password", f"密码至少{MIN_PASSWORD_LENGTH}位")


@dataclass(frozen=True, slots=True)
class Session:
    """A signed-in browser.  ``stage`` is ``password`` (the second factor still to come),
    ``enrol`` (a TOTP secret to confirm first) or ``full``."""

    session_id: str  # the hash of the cookie's value, never the value itself
    username: str
    csrf_token: str
    stage: str
    created_at: datetime
    last_seen: datetime
    pending_secret: str | None = None

    def expired(self, now: datetime, *, idle: timedelta, lifetime: timedelta) -> bool:
        return now - self.last_seen > idle or now - self.created_at > lifetime
