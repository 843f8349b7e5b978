"""Bearer JWT authentication (claims ``sub``, ``role``, ``org_id``, ``region``; API.md)."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Annotated, Any

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from jingkang.common.domain.text import refused_character
from jingkang.common.web.problems import Problem

# health_commission (卫健) and disabled_federation (残联) are copied on the reports of their
# region (抄报): they read reports and statistics, nothing personal, and write nothing.
ROLES = ("hospital", "social_worker", "reporter", "institution", "platform", "civil_affairs",
         "health_commission", "disabled_federation", "auditor", "admin", "service")
ALGORITHM = "HS256"
_REQUIRED_CLAIMS = ("sub", "role", "org_id", "region", "exp", "iat")
DEFAULT_MAX_LIFETIME_SECONDS = 86_400
# What the claims may hold: they are written into every event's metadata and the access log.
_CLAIM_LENGTHS = {"sub": 200, "org_id": 100}
# A six-digit division code, or a nine-digit township (乡镇、街道: Chongqing's reporting unit).
_REGION = re.compile(r"[0-9]{6}(?:[0-9]{3})?")
_PRINCIPAL_IN_SCOPE = "jingkang.principal"


@dataclass(frozen=True, slots=True)
class Principal:
    sub: str
    role: str
    org_id: str
    region: str
    issuer: str = ""  # the token's ``iss``, when it names one


def challenge(error: str | None = None) -> dict[str, str]:
    """The WWW-Authenticate header of a 401 (RFC 6750): the scheme, and the error once a token
    was sent and refused."""
    value = 'Bearer realm="jingkang"'
    return {"WWW-Authenticate": value + (f', error="{error}"' if error else "")}


def mint_token(secret: str, *, sub: str, role: str, org_id: str, region: str,
               ttl_seconds: int = 3600, algorithm: str = ALGORITHM, issuer: str | None = None,
               audience: str | None = None, key_id: str | None = None) -> str:
    """A bearer token of these claims: HS256 with the shared secret, or RS256 with ``secret``
    a PEM private key whose public half the services trust (their public key or JWKS)."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}; one of {', '.join(ROLES)}")
    now = int(time.time())
    claims: dict[str, Any] = {"sub": sub, "role": role, "org_id": org_id, "region": region,
                              "iat": now, "nbf": now, "exp": now + ttl_seconds}
    claims.update({name: value for name, value in (("iss", issuer), ("aud", audience))
                   if value})
    return jwt.encode(claims, secret, algorithm=algorithm,
                      headers={"kid": key_id} if key_id else None)


class TokenVerifier:
    """Checks bearer tokens with exactly one algorithm: HS256 with the shared secret (local
    use), or RS256 with a public key or a JWKS endpoint (deployments).  Accepting only the
    configured algorithm shuts out ``none`` and HS/RS confusion."""

    def __init__(self, *, algorithm: str = ALGORITHM, secret: str | None = None,
                 public_key: str | None = None, jwks_url: str | None = None,
                 issuer: str | None = None, audience: str | None = None,
                 leeway_seconds: int = 30,
                 max_lifetime_seconds: int = DEFAULT_MAX_LIFETIME_SECONDS) -> None:
        if algorithm == "HS256" and not secret:
            raise ValueError("HS256 needs the shared secret")
        if algorithm == "RS256" and not (public_key or jwks_url):
            raise ValueError("RS256 needs a public key or a JWKS URL")
        self._algorithm = algorithm
        self._key = secret if algorithm == "HS256" else public_key
        self._jwks = jwt.PyJWKClient(jwks_url, cache_keys=True) if jwks_url and not public_key \
            else None
        self._issuer, self._audience, self._leeway = issuer, audience, leeway_seconds
        self._max_lifetime = max_lifetime_seconds

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
            raise Problem(401, "invalid_token", "Invalid token", str(exc),
                          headers=challenge("invalid_token")) from exc
        problem = self._claims_problem(claims)
        if problem is not None:
            raise Problem(401, "invalid_token", "Invalid token", problem,
                          headers=challenge("invalid_token"))
        return Principal(claims["sub"], claims["role"], claims["org_id"], claims["region"],
                         claims.get("iss") or "")

    def _claims_problem(self, claims: dict[str, Any]) -> str | None:
        """Why the verified claims are still refused: a role no one has, claims that are not
        plain strings (never coerced: ``123`` and ``"123"`` are different organisations), or
        a token that lives longer than the deployment allows (a stolen one would, too)."""
        if not isinstance(claims["role"], str) or claims["role"] not in ROLES:
            return "unknown role claim"
        for name, longest in _CLAIM_LENGTHS.items():
            value = claims[name]
            if not isinstance(value, str) or not 1 <= len(value) <= longest \
                    or refused_character(value) is not None:
                return f"the {name} claim must be a string of 1 to {longest} characters"
        if not isinstance(claims.get("iss", ""), str):
            return "the iss claim must be a string"
        if not isinstance(claims["region"], str) or not _REGION.fullmatch(claims["region"]):
            return "the region claim must be a six-digit division code or a nine-digit township"
        exp, iat = claims["exp"], claims["iat"]
        if not all(type(moment) in (int, float) for moment in (exp, iat)):
            return "exp and iat must be numbers (seconds since the epoch)"
        lifetime = exp - min(iat, time.time())  # an iat in the future does not shorten it
        if lifetime > self._max_lifetime:
            return (f"the token is valid for {int(lifetime)} s; at most "
                    f"{self._max_lifetime} s are accepted")
        return None


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
                         audience=settings.jwt_audience,
                         max_lifetime_seconds=settings.token_max_lifetime_seconds)


async def current_principal(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None:
        raise Problem(401, "unauthenticated", "Authentication required",
                      "send Authorization: Bearer <token>", headers=challenge())
    principal = await principal_of(request.scope)
    if principal is None:  # verify again for the reason (the scope keeps only the outcome)
        return await verified(request.app.state.token_verifier, credentials.credentials)
    return principal


def bearer_token(header: str) -> str | None:
    """The token of an ``Authorization: Bearer …`` header value, if it is one."""
    return header[7:].strip() if header[:7].lower() == "bearer " else None


async def verified(verifier: TokenVerifier, token: str) -> Principal:
    """The token's principal, or ``Problem`` 401."""
    if verifier.fetches_keys:  # a JWKS key may need fetching: keep it off the event loop
        return await asyncio.to_thread(verifier.verify, token)
    return verifier.verify(token)


async def principal_of(scope: Any) -> Principal | None:
    """The request's principal when it carries a valid bearer token, else None; verified once
    per request (the rate limit, the route and the access log all ask)."""
    if _PRINCIPAL_IN_SCOPE not in scope:
        header = next((v for k, v in scope.get("headers") or () if k == b"authorization"), b"")
        token = bearer_token(header.decode("latin-1"))
        principal = None
        if token is not None:
            try:
                principal = await verified(scope["app"].state.token_verifier, token)
            except Problem:
                principal = None
        scope[_PRINCIPAL_IN_SCOPE] = principal
    return scope[_PRINCIPAL_IN_SCOPE]


CurrentPrincipal = Annotated[Principal, Depends(current_principal)]


def require_roles(roles: Iterable[str]) -> Callable[[Principal], Principal]:
    allowed = tuple(roles)

    async def check(principal: CurrentPrincipal) -> Principal:
        if principal.role not in allowed:
            raise Problem(403, "forbidden_role", "Role not allowed",
                          f"role {principal.role!r} may not do this; allowed: {', '.join(allowed)}")
        return principal

    return check
