"""Bearer JWT authentication (claims ``sub``, ``role``, ``org_id``, ``region``; API.md)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated

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


def mint_token(secret: str, *, sub: str, role: str, org_id: str, region: str,
               ttl_seconds: int = 3600) -> str:
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    now = int(time.time())
    claims = {"sub": sub, "role": role, "org_id": org_id, "region": region,
              "iat": now, "nbf": now, "exp": now + ttl_seconds}
    return jwt.encode(claims, secret, algorithm=ALGORITHM)


class TokenVerifier:
    def __init__(self, secret: str) -> None:
        self._secret = secret

    def verify(self, token: str) -> Principal:
        try:
            claims = jwt.decode(token, self._secret, algorithms=[ALGORITHM],
                                options={"require": list(_REQUIRED_CLAIMS)})
        except jwt.PyJWTError as exc:
            raise Problem(401, "invalid_token", "Invalid token", str(exc)) from exc
        if claims["role"] not in ROLES:
            raise Problem(401, "invalid_token", "Invalid token", "unknown role claim")
        return Principal(str(claims["sub"]), claims["role"], str(claims["org_id"]),
                         str(claims["region"]))


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


def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Problem(401, "unauthenticated", "Authentication required",
                      "send Authorization: Bearer <token>")
    verifier: TokenVerifier = request.app.state.token_verifier
    return verifier.verify(credentials.credentials)


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(roles: Iterable[str]) -> Callable[[Principal], Principal]:
    allowed = tuple(roles)

    def check(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            raise Problem(403, "forbidden_role", "Role not allowed",
                          f"role {principal.role!r} may not do this; allowed: {', '.join(allowed)}")
        return principal

    return check
