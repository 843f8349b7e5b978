"""Bearer JWT authentication (claims ``sub``, ``role``, ``org_id``, ``region``; API.md)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from .problems import Problem

ROLES = ("hospital", "social_worker", "reporter", "institution", "platform", "civil_affairs",
         "auditor", "admin", "service")
ALGORITHM = "HS256"
_REQUIRED_CLAIMS = ("sub", "role", "org_id", "region", "exp", "iat")


@dataclass(frozen=True, slots=True)
class Principal:
    sub: str
    role: str
    org_id: str
    region: str
    issuer: str = ""  # the token's ``iss``, when it names one


def mint_token(secret: str, *, sub: str, role: str, org_id: str, region: str,
               ttl_seconds: int = 3600) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    now = int(time.time())
    claims = {"sub": sub, "role": role, "org_id": org_id, "region": region,
              "iat": now, "nbf": now, "exp": now + ttl_seconds}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


class TokenVerifier:
    """Checks bearer tokens with exactly one algorithm: HS256 with the shared secret (local
    use), or RS256 with a public key or a JWKS endpoint (deployments).  Accepting only the
    configured algorithm shuts out ``none`` and HS/RS confusion."""

    def __init__(self, *, algorithm: str = ALGORITHM, secret: str | None = None,
                 public_key: str | None = None, jwks_url: str | None = None,
                 issuer: str | None = None, audience: str | None = None,
                 leeway_seconds: int = 30) -> None:
        if algorithm == "HS256" and not secret:
            raise ValueError("HS256 needs the shared secret")
        if algorithm == "RS256" and not (public_key or jwks_url):
            raise ValueError("RS256 needs a public key or a JWKS URL")
        self._algorithm = algorithm
        self._key = secret if algorithm == "HS256" else public_key
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=True) if jwks_url and not public_key \
            else None
        self._issuer, self._audience, self._leeway = issuer, audience, leeway_seconds

    @property
    def fetches_keys(self) -> bool:
        return self._jwks is not None

    def _key_for(self, token: str) -> Any:
        if self._jwks is not None:
            return self._jwks.get_signing_key_from_jwt(token).key
        return self._key

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(token, self._key_for(token), algorithms=[self._algorithm],
                                issuer=self._issuer, audience=self._audience,
                                leeway=self._leeway,
                                options={"require": list(_REQUIRED_CLAIMS)})
        except jwt.PyJWTError as exc:
            raise Problem(401, "invalid_token", "Invalid token", str(exc)) from exc
        if claims["role"] not in ROLES:
            raise Problem(401, "invalid_token", "Invalid token", "unknown role claim")
        return Principal(str(claims["sub"]), claims["role"], str(claims["org_id"]),
                         str(claims["region"]), str(claims.get("iss") or ""))


def service_token_source(settings: Any, service: str) -> Any:
    """What a service presents to the other's feed: a configured token, else one it mints."""
    if settings.service_token is not None:
        token = settings.service_token.get_secret_value()
        return lambda: token
    return ServiceToken(settings.jwt_secret.get_secret_value(), service)


class ServiceToken:
    """The token a service presents to the other service's feed, re-minted before expiry."""

    def __init__(self, secret: str, service: str, ttl_seconds: int = 3600) -> None:
        self._secret, self._service, self._ttl = secret, service, ttl_seconds
        self._token, self._renew_at = "", 0.0

    def __call__(self) -> str:
        if time.time() >= self._renew_at:
            self._token = mint_token(self._secret, sub=f"{self._service}-service", role="service",
                                     org_id=f"jingkang-{self._service}", region="000000",
                                     ttl_seconds=self._ttl)
            self._renew_at = time.time() + self._ttl / 2
        return self._token


_bearer = HTTPBearer(auto_error=False, description="JWT: sub, role, org_id, region")


def verifier_from(settings: Any) -> TokenVerifier:
    public_key = (settings.jwt_public_key_file.read_text(encoding="utf-8")
                  if settings.jwt_public_key_file else None)
    return TokenVerifier(algorithm=settings.jwt_algorithm,
                         secret=settings.jwt_secret.get_secret_value(), public_key=public_key,
                         jwks_url=settings.jwt_jwks_url, issuer=settings.jwt_issuer,
                         audience=settings.jwt_audience)


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Problem(401, "unauthenticated", "Authentication required",
                      "send Authorization: Bearer <token>")
    return await verified(request.app.state.token_verifier, credentials.credentials)


def bearer_token(header: str) -> str | None:
    """The token of an ``Authorization: Bearer …`` header value, if it is one."""
    return header[7:].strip() if header[:7].lower() == "bearer " else None


async def verified(verifier: TokenVerifier, token: str) -> Principal:
    """The token's principal, or ``Problem`` 401."""
    if verifier.fetches_keys:  # a JWKS key may need fetching: keep it off the event loop
        return await asyncio.to_thread(verifier.verify, token)
    return verifier.verify(token)


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(roles: Iterable[str]) -> Callable[[Principal], Principal]:
    allowed = tuple(roles)

    async def check(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            raise Problem(403, "forbidden_role", "Role not allowed",
                          f"role {principal.role!r} may not do this; allowed: {', '.join(allowed)}")
        return principal

    return check
