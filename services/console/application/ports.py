"""What the application needs from outside: stores, a password hasher, the services' APIs."""

from __future__ import annotations

import abc
from dataclasses import dataclass, field
from typing import Any

from ..domain.accounts import Account, Session
from ..domain.signin_log import SignInEntry, SignInQuery


class AccountStore(abc.ABC):
    @abc.abstractmethod
    async def get(self, username: str) -> Account | None: ...

    @abc.abstractmethod
    async def add(self, account: Account) -> bool:
        """False when the username is taken."""

    @abc.abstractmethod
    async def save(self, account: Account) -> None: ...

    @abc.abstractmethod
    async def all(self) -> list[Account]: ...


class SessionStore(abc.ABC):
    @abc.abstractmethod
    async def get(self, session_id: str) -> Session | None: ...

    @abc.abstractmethod
    async def save(self, session: Session) -> None:
        """Insert or update."""

    @abc.abstractmethod
    async def delete(self, session_id: str) -> None: ...


class SignInLog(abc.ABC):
    """Append-only: entries are recorded, never changed."""

    @abc.abstractmethod
    async def record(self, entry: SignInEntry) -> None: ...

    @abc.abstractmethod
    async def search(self, query: SignInQuery) -> tuple[list[SignInEntry], int]:
        """One page of the entries that match, newest first, and how many match in all."""


class IdentityProvider(abc.ABC):
    """An OpenID Connect provider, as the authorization-code flow with PKCE needs it."""

    issuer: str
    client_id: str

    @abc.abstractmethod
    async def authorization_url(self, *, state: str, nonce: str, challenge: str) -> str:
        """Where to send the browser to sign in (raises ``OidcRefused`` when unreachable)."""

    @abc.abstractmethod
    async def id_token_claims(self, code: str, verifier: str) -> dict[str, Any]:
        """The code exchanged for an ID token, its signature checked against the provider's
        keys; its claims are still to be checked.  Raises ``OidcRefused``."""


class PasswordHasher(abc.ABC):
    @abc.abstractmethod
    def hash(self, password: str) -> str: ...

    @abc.abstractmethod
    def verify(self, password_hash: str, password: str) -> bool: ...


@dataclass(frozen=True)
class ApiAnswer:
    """What a service answered: the status, the JSON body (a problem+json on refusals)."""

    status: int
    body: Any
    headers: dict[str, str] = field(default_factory=dict)
    content: bytes = b""  # the body as sent: a spreadsheet or a PDF to pass on

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class ServiceApis(abc.ABC):
    """The referral and registry services' public HTTP APIs, called as the signed-in user."""

    @abc.abstractmethod
    async def call(self, account: Account, method: str, service: str, path: str, *,
                   params: dict[str, Any] | None = None, json: Any = None,
                   headers: dict[str, str] | None = None,
                   content: bytes | None = None) -> ApiAnswer:
        """``content``: a raw body (a CSV file) sent as it is, instead of ``json``."""
