"""Signing in (password, then TOTP where required), resuming a session, signing out.  Every
sign-in, sign-out, failure, lockout and expiry is logged to ``jingkang.console.access`` and
recorded in the sign-in log."""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..domain import totp
from ..domain.accounts import Account, Session
from ..domain.signin_log import DETAILS, SignInEntry
from .ports import AccountStore, PasswordHasher, SessionStore, SignInLog

log = logging.getLogger("jingkang.console.access")
WRONG_CREDENTIALS = "用户名或密码错误"
LOCKED = "连续登录失败次数过多，账户已暂时锁定，请稍后再试"
WRONG_CODE = "动态验证码错误"


class SignInRefused(Exception):
    def __init__(self, message: str, field: str = "password") -> None:
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class Policy:
    lockout_failures: int = 5
    lockout: timedelta = timedelta(minutes=15)
    idle: timedelta = timedelta(minutes=30)
    lifetime: timedelta = timedelta(hours=12)


def session_id_of(cookie_value: str) -> str:
    return hashlib.sha256(cookie_value.encode()).hexdigest()


class SignIn:
    def __init__(self, accounts: AccountStore, sessions: SessionStore, hasher: PasswordHasher,
                 policy: Policy, now: Callable[[], datetime], trail: SignInLog) -> None:
        self._accounts, self._sessions, self._hasher = accounts, sessions, hasher
        self._policy, self._now, self._trail = policy, now, trail
        self._dummy_hash = hasher.hash(secrets.token_hex(16))  # equal time for unknown names

    async def with_password(self, username: str, password: str,
                            client: str) -> tuple[str, Session]:
        """A new session (cookie value, session) at the stage the account needs next."""
        now = self._now()
        account = await self._accounts.get(username.strip().lower())
        if account is None or account.external_issuer is not None:  # no password to match
            self._hasher.verify(self._dummy_hash, password)
            log.warning("sign-in failed: unknown user %r from %s", username[:64], client)
            await self.note(username.strip().lower(), "failed", client, "password",
                            "external account" if account else "unknown user")
            raise SignInRefused(WRONG_CREDENTIALS)
        await self.refuse_if_locked(account, client, "password")
        if not self._hasher.verify(account.password_hash, password):
            await self._fail(account, now, client, "wrong password")
        await self._accounts.save(account.after_success())
        if not account.needs_second_factor:
            log.info("signed in: %s (%s) from %s", account.username, account.role, client)
            await self.note(account.username, "signed_in", client, "password")
            return await self.open(account.username, "full", now)
        if account.totp_secret is None:
            return await self.open(account.username, "enrol", now, totp.new_secret())
        return await self.open(account.username, "password", now)

    async def with_code(self, session: Session, code: str, client: str) -> tuple[str, Session]:
        """The second factor: a fresh session (a new cookie) once the code matches."""
        now = self._now()
        account = await self._accounts.get(session.username)
        if account is None or session.stage == "full":
            raise SignInRefused(WRONG_CODE, "code")
        await self.refuse_if_locked(account, client, "totp", field="code")
        secret = session.pending_secret if session.stage == "enrol" else account.totp_secret
        step = totp.matching_step(secret or "", code, now.timestamp())
        if step is None or step <= account.last_totp_step:  # a used code is not taken twice
            await self._fail(account, now, client, "wrong TOTP code", field="code")
        account = replace(account.after_success(), last_totp_step=step or 0,
                          totp_secret=secret)
        await self._accounts.save(account)
        await self._sessions.delete(session.session_id)
        log.info("signed in: %s (%s) with TOTP from %s", account.username, account.role, client)
        await self.note(account.username, "signed_in", client, "totp")
        return await self.open(account.username, "full", now)

    async def resume(self, cookie_value: str, client: str) -> tuple[Session, Account] | None:
        """The session of this cookie, touched; None when there is none or it has expired."""
        session = await self._sessions.get(session_id_of(cookie_value))
        if session is None:
            return None
        now = self._now()
        if session.expired(now, idle=self._policy.idle, lifetime=self._policy.lifetime):
            await self._sessions.delete(session.session_id)
            log.info("session expired (idle timeout): %s from %s", session.username, client)
            await self.note(session.username, "expired", client)
            return None
        account = await self._accounts.get(session.username)
        if account is None:
            return None
        session = replace(session, last_seen=now)
        await self._sessions.save(session)
        return session, account

    async def sign_out(self, session: Session, client: str) -> None:
        await self._sessions.delete(session.session_id)
        log.info("signed out: %s from %s", session.username, client)
        await self.note(session.username, "signed_out", client)

    async def note(self, username: str, outcome: str, client: str, method: str = "",
                   detail: str = "") -> None:
        """An entry of the sign-in log, at this moment."""
        await self._trail.record(SignInEntry(self._now(), username[:64], outcome, client,
                                             method, DETAILS.get(detail, detail)))

    async def refuse_if_locked(self, account: Account, client: str, method: str,
                               field: str = "password") -> None:
        if account.locked(self._now()):
            log.warning("sign-in refused: %s is locked, from %s", account.username, client)
            await self.note(account.username, "refused_locked", client, method)
            raise SignInRefused(LOCKED, field)

    async def _fail(self, account: Account, now: datetime, client: str, why: str,
                    field: str = "password") -> None:
        failed = account.after_failure(now, limit=self._policy.lockout_failures,
                                       lock_for=self._policy.lockout)
        await self._accounts.save(failed)
        log.warning("sign-in failed: %s, %s, from %s", account.username, why, client)
        method = "totp" if field == "code" else "password"
        await self.note(account.username, "failed", client, method, why)
        if failed.locked(now):
            log.warning("account locked: %s after %d failures", account.username,
                        self._policy.lockout_failures)
            await self.note(account.username, "locked", client, method,
                            f"连续{self._policy.lockout_failures}次登录失败")
            raise SignInRefused(LOCKED, field)
        raise SignInRefused(WRONG_CODE if field == "code" else WRONG_CREDENTIALS, field)

    async def open(self, username: str, stage: str, now: datetime,
                   pending_secret: str | None = None) -> tuple[str, Session]:
        """A new session: its cookie value (given to the browser only) and the session."""
        cookie = secrets.token_urlsafe(32)
        session = Session(session_id_of(cookie), username, secrets.token_urlsafe(32), stage,
                          now, now, pending_secret)
        await self._sessions.save(session)
        return cookie, session
