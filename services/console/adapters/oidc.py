"""An OpenID Connect provider over HTTP: its discovery document, its authorization URL, the
token endpoint, and the ID token's signature checked against the provider's JWKS.

The keys are fetched with httpx and read with PyJWT's ``PyJWKSet`` rather than its
``PyJWKClient``, which fetches with blocking ``urllib`` inside the event loop."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import httpx
import jwt

from ..application.ports import IdentityProvider
from ..domain.oidc import BAD_TOKEN, PROVIDER_UNREACHABLE, OidcRefused

# Asymmetric signatures only: never "none", never an HMAC keyed with our own client secret.
SIGNING_ALGORITHMS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384")


class HttpIdentityProvider(IdentityProvider):
    def __init__(self, *, issuer: str, client_id: str, client_secret: str | None,
                 redirect_url: str, scopes: str, http: httpx.AsyncClient) -> None:
        self.issuer, self.client_id = issuer, client_id
        self._secret, self._redirect, self._scopes = client_secret, redirect_url, scopes
        self._http = http
        self._discovery: dict[str, Any] | None = None
        self._keys: jwt.PyJWKSet | None = None

    async def authorization_url(self, *, state: str, nonce: str, challenge: str) -> str:
        endpoint = (await self._discover())["authorization_endpoint"]
        query = urlencode({"response_type": "code", "client_id": self.client_id,
                           "redirect_uri": self._redirect, "scope": self._scopes,
                           "state": state, "nonce": nonce, "code_challenge": challenge,
                           "code_challenge_method": "S256"})
        return f"{endpoint}{'&' if '?' in endpoint else '?'}{query}"

    async def id_token_claims(self, code: str, verifier: str) -> dict[str, Any]:
        token = await self._id_token(code, verifier)
        try:
            header = jwt.get_unverified_header(token)
        except jwt.PyJWTError as error:
            raise OidcRefused(BAD_TOKEN, f"unreadable ID token: {error}") from None
        if header.get("alg") not in SIGNING_ALGORITHMS:
            raise OidcRefused(BAD_TOKEN, f"ID token signed with {header.get('alg')!r}")
        key = await self._key(header.get("kid"))
        try:
            # iss, aud, exp and nonce are checked by the application, on the console's clock.
            return jwt.decode(token, key, algorithms=[header["alg"]], options={
                "verify_exp": False, "verify_aud": False, "verify_iss": False,
                "verify_iat": False, "verify_nbf": False})
        except jwt.PyJWTError as error:
            raise OidcRefused(BAD_TOKEN, f"ID token signature: {error}") from None

    async def _id_token(self, code: str, verifier: str) -> str:
        endpoint = (await self._discover())["token_endpoint"]
        form = {"grant_type": "authorization_code", "code": code,
                "redirect_uri": self._redirect, "code_verifier": verifier}
        auth = (self.client_id, self._secret) if self._secret else None
        if auth is None:
            form["client_id"] = self.client_id
        answer = await self._get_or_post("POST", endpoint, data=form, auth=auth)
        if answer.status_code != 200:
            raise OidcRefused(BAD_TOKEN, f"token endpoint answered {answer.status_code}")
        token = _json(answer).get("id_token")
        if not isinstance(token, str):
            raise OidcRefused(BAD_TOKEN, "token endpoint gave no id_token")
        return token

    async def _discover(self) -> dict[str, Any]:
        if self._discovery is None:
            url = f"{self.issuer.rstrip('/')}/.well-known/openid-configuration"
            document = _json(await self._get_or_post("GET", url))
            if document.get("issuer") != self.issuer or not all(
                    isinstance(document.get(k), str) for k in
                    ("authorization_endpoint", "token_endpoint", "jwks_uri")):
                raise OidcRefused(PROVIDER_UNREACHABLE, "discovery document not for this issuer")
            self._discovery = document
        return self._discovery

    async def _key(self, kid: str | None) -> Any:
        """The signing key of this ``kid``; the JWKS is read again once for an unknown one
        (the provider may have rotated its keys)."""
        for fresh in (False, True):
            if fresh or self._keys is None:
                jwks = _json(await self._get_or_post("GET", (await self._discover())["jwks_uri"]))
                try:
                    self._keys = jwt.PyJWKSet.from_dict(jwks)
                except jwt.PyJWTError as error:
                    raise OidcRefused(BAD_TOKEN, f"provider keys unreadable: {error}") from None
            found = [k for k in self._keys.keys if kid is None or k.key_id == kid]
            if found:
                return found[0].key
        raise OidcRefused(BAD_TOKEN, f"no provider key {kid!r}")

    async def _get_or_post(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        try:
            return await self._http.request(method, url, **kwargs)
        except httpx.HTTPError as error:
            raise OidcRefused(PROVIDER_UNREACHABLE, f"{method} {url}: {error}") from None


def _json(answer: httpx.Response) -> dict[str, Any]:
    try:
        body = answer.json()
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise OidcRefused(PROVIDER_UNREACHABLE, f"{answer.url} answered no JSON object")
    return body
