"""The console's composition root: the only place its concrete adapters are built."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from jingkang.common.web.auth import mint_token

from .adapters.apis import HttpServiceApis
from .adapters.hashing import Argon2Hasher
from .adapters.oidc import HttpIdentityProvider
from .adapters.signin_log import SqlSignInLog
from .adapters.store import SqlAccounts, SqlSessions
from .application.accounts import Accounts
from .application.oidc import OidcSignIn
from .application.ports import SignInLog
from .application.signin import Policy, SignIn
from .config import Settings
from .domain.accounts import Account
from .domain.oidc import ClaimMapping


@dataclass
class Runtime:
    settings: Settings
    engine: AsyncEngine
    sign_in: SignIn
    accounts: Accounts
    apis: HttpServiceApis
    now: Callable[[], datetime] = field(default=lambda: datetime.now(UTC))
    signin_log: SignInLog | None = None  # read by the log page; the sign-in writes to it
    oidc: OidcSignIn | None = None  # only when an OpenID Connect provider is configured
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def close(self) -> None:
        await self.apis.close()
        for close in self.closers:
            await close()
        await self.engine.dispose()


def _now() -> datetime:
    return datetime.now(UTC)


def token_minter(settings: Settings):  # noqa: ANN201 - a closure over the signing key
    """The signed-in user's API token: RS256 with the console's private key when one is set
    (the services trust its public half), else HS256 with the shared secret; the issuer and
    audience the services require, when they require them."""
    key_file = settings.console_api_signing_key_file
    key = key_file.read_text(encoding="utf-8") if key_file else \
        settings.jwt_secret.get_secret_value()
    algorithm = "RS256" if key_file else "HS256"

    def token_for(account: Account) -> str:
        return mint_token(key, sub=f"console:{account.username}", role=account.role,
                          org_id=account.org_id, region=account.region,
                          ttl_seconds=settings.console_api_token_seconds, algorithm=algorithm,
                          issuer=settings.jwt_issuer, audience=settings.jwt_audience,
                          key_id=settings.console_api_signing_key_id)
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
    runtime = Runtime(settings, engine, sign_in, Accounts(accounts, hasher), apis, now,
                      signin_log)
    if settings.oidc_configured:
        http = httpx.AsyncClient(timeout=10)
        runtime.closers.append(http.aclose)
        runtime.oidc = oidc_sign_in(settings, accounts, sign_in, http, now)
    return runtime


def oidc_sign_in(settings: Settings, accounts: SqlAccounts, sign_in: SignIn,
                 http: httpx.AsyncClient, now: Callable[[], datetime]) -> OidcSignIn:
    secret = settings.console_oidc_client_secret
    provider = HttpIdentityProvider(
        issuer=settings.console_oidc_issuer or "", client_id=settings.console_oidc_client_id or "",
        client_secret=secret.get_secret_value() if secret else None,
        redirect_url=settings.console_oidc_redirect_url or "",
        scopes=settings.console_oidc_scopes, http=http)
    mapping = ClaimMapping(
        username=settings.console_oidc_username_claim,
        display_name=settings.console_oidc_name_claim, role=settings.console_oidc_role_claim,
        org_id=settings.console_oidc_org_claim, region=settings.console_oidc_region_claim,
        roles=settings.console_oidc_role_map)
    # The pending login's cookie is sealed with a key of its own, derived from the secret.
    seal_key = hmac.new(settings.jwt_secret.get_secret_value().encode(),
                        b"jingkang console oidc login", hashlib.sha256).digest()
    return OidcSignIn(provider, accounts, sign_in, mapping, seal_key, now)
