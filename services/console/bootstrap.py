"""The console's composition root: the only place its concrete adapters are built."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from jingkang.common.web.auth import mint_token

from .adapters.apis import HttpServiceApis
from .adapters.hashing import Argon2Hasher
from .adapters.signin_log import SqlSignInLog
from .adapters.store import SqlAccounts, SqlSessions
from .application.accounts import Accounts
from .application.ports import SignInLog
from .application.signin import Policy, SignIn
from .config import Settings
from .domain.accounts import Account


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sign_in: SignIn
    accounts: Accounts
    apis: HttpServiceApis
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    signin_log: SignInLog | None = None  # read by the log page; the sign-in writes to it

    async def close(self) -> None:
        await self.apis.close()
        await self.engine.dispose()


def _now() -> datetime:
    return datetime.now(UTC)


def token_minter(settings: Settings):  # noqa: ANN201 - a closure over the secret
    secret = settings.jwt_secret.get_secret_value()

    def token_for(account: Account) -> str:
        return mint_token(secret, sub=f"console:{account.username}", role=account.role,
                          org_id=account.org_id, region=account.region,
                          ttl_seconds=settings.console_api_token_seconds)
    return token_for


def policy_of(settings: Settings) -> Policy:
    return Policy(lockout_failures=settings.console_lockout_failures,
                  lockout=timedelta(minutes=settings.console_lockout_minutes),
                  idle=timedelta(minutes=settings.console_idle_minutes),
                  lifetime=timedelta(hours=settings.console_session_hours))


async def build_runtime(settings: Settings, now=_now) -> Runtime:  # noqa: ANN001
    from jingkang.common.adapters.migrations import upgrade_to_head_async

    await upgrade_to_head_async("console", settings.database_url)
    engine = create_async_engine(settings.database_url)
    hasher = Argon2Hasher()
    accounts = SqlAccounts(engine)
    signin_log = SqlSignInLog(engine)
    sign_in = SignIn(accounts, SqlSessions(engine), hasher, policy_of(settings), now, signin_log)
    apis = HttpServiceApis({"referral": settings.referral_url,
                            "registry": settings.registry_url}, token_minter(settings))
    return Runtime(settings, engine, sign_in, Accounts(accounts, hasher), apis, now, signin_log)
