"""Signing in through an OpenID Connect provider: the authorization-code flow with PKCE, state
and nonce; the account made or brought up to date from the ID token's claims; the console's
TOTP still asked of a role that needs a second factor unless the provider vouches for one."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from ..domain import totp
from ..domain.accounts import Account, Session
from ..domain.oidc import (
    BAD_STATE,
    LOCAL_ACCOUNT,
    PROVIDER_DENIED,
    ClaimMapping,
    ExternalIdentity,
    OidcRefused,
    check_id_token,
    code_challenge,
    identity_of,
)
from .ports import AccountStore, IdentityProvider
from .signin import SignIn, SignInRefused

log = logging.getLogger("jingkang.console.access")
LOGIN_LIFETIME = timedelta(minutes=10)  # from leaving for the provider to coming back


@dataclass(frozen=True)
class PendingLogin:
    """What the browser carries to the provider and back, sealed in a cookie."""

    state: str
    nonce: str
    verifier: str
    started: float


class OidcSignIn:
    def __init__(self, provider: IdentityProvider, accounts: AccountStore, sign_in: SignIn,
                 mapping: ClaimMapping, seal_key: bytes, now: Callable[[], datetime]) -> None:
        self._provider, self._accounts, self._sign_in = provider, accounts, sign_in
        self._mapping, self._key, self._now = mapping, seal_key, now

    async def begin(self) -> tuple[str, str]:
        """The provider's sign-in URL and the sealed pending login for the browser's cookie."""
        pending = PendingLogin(secrets.token_urlsafe(32), secrets.token_urlsafe(32),
                               secrets.token_urlsafe(48), self._now().timestamp())
        url = await self._provider.authorization_url(
            state=pending.state, nonce=pending.nonce, challenge=code_challenge(pending.verifier))
        return url, self._seal(pending)

    async def finish(self, sealed: str, state: str, code: str, error: str,
                     client: str) -> tuple[str, Session]:
        """A session (cookie value, session) for the person the provider sent back."""
        try:
            return await self._finish(sealed, state, code, error, client)
        except OidcRefused as refused:
            log.warning("sign-in failed: OpenID Connect, %s, from %s", refused.why, client)
            await self._sign_in.note(refused.username, "failed", client, "oidc", str(refused))
            raise SignInRefused(str(refused), "oidc") from None

    async def _finish(self, sealed: str, state: str, code: str, error: str,
                      client: str) -> tuple[str, Session]:
        pending = self._unseal(sealed)
        if pending is None or not secrets.compare_digest(state.encode(), pending.state.encode()):
            raise OidcRefused(BAD_STATE, "state missing, expired or not this browser's")
        if error or not code:
            raise OidcRefused(PROVIDER_DENIED, f"provider answered {error[:60]!r}")
        claims = await self._provider.id_token_claims(code, pending.verifier)
        check_id_token(claims, issuer=self._provider.issuer, client_id=self._provider.client_id,
                       nonce=pending.nonce, now=self._now())
        identity = identity_of(claims, self._mapping)
        account = await self._account_for(identity)
        await self._sign_in.refuse_if_locked(account, client, "oidc", field="oidc")
        now = self._now()
        if not account.needs_second_factor or identity.second_factor_done:
            log.info("signed in: %s (%s) through OpenID Connect from %s", account.username,
                     account.role, client)
            await self._sign_in.note(account.username, "signed_in", client, "oidc",
                                     "second factor by the provider"
                                     if identity.second_factor_done else "")
            return await self._sign_in.open(account.username, "full", now)
        if account.totp_secret is None:
            return await self._sign_in.open(account.username, "enrol", now, totp.new_secret())
        return await self._sign_in.open(account.username, "password", now)

    async def _account_for(self, identity: ExternalIdentity) -> Account:
        """The external account, made at the first sign-in and brought up to the claims at
        each; a password account of the same name is never taken over."""
        issuer = self._provider.issuer
        found = await self._accounts.get(identity.username)
        if found is not None and found.external_issuer != issuer:
            raise OidcRefused(LOCAL_ACCOUNT, "the username belongs to another account",
                              identity.username)
        if found is None:
            account = Account(identity.username, identity.role, identity.org_id,
                              identity.region, identity.display_name, "",
                              external_issuer=issuer)
            if await self._accounts.add(account):
                log.info("account created: %s (%s, %s, %s) by OpenID Connect", account.username,
                         account.role, account.org_id, account.region)
                return account
            return await self._account_for(identity)  # made meanwhile by a second tab
        account = replace(found, role=identity.role, org_id=identity.org_id,
                          region=identity.region, display_name=identity.display_name)
        if account != found:
            await self._accounts.save(account)
        return account

    def _seal(self, pending: PendingLogin) -> str:
        body = base64.urlsafe_b64encode(json.dumps(pending.__dict__).encode()).decode()
        return f"{body}.{self._mac(body)}"

    def _unseal(self, sealed: str) -> PendingLogin | None:
        body, _, mac = sealed.partition(".")
        if not body or not hmac.compare_digest(mac, self._mac(body)):
            return None
        try:
            pending = PendingLogin(**json.loads(base64.urlsafe_b64decode(body)))
        except (ValueError, TypeError):
            return None
        started = datetime.fromtimestamp(pending.started, self._now().tzinfo)
        return pending if self._now() - started <= LOGIN_LIFETIME else None

    def _mac(self, body: str) -> str:
        return hmac.new(self._key, body.encode(), hashlib.sha256).hexdigest()
