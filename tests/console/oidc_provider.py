"""A tiny OpenID Connect provider for the console's tests, served on a loopback port: discovery,
JWKS, /authorize (approves at once and sends the browser back with a code) and /token (checks
the client, the redirect URI and the PKCE verifier, and answers an RS256 ID token).  What it
puts in the token is in the test's hand (``Behaviour``), so a test can make it lie."""

from __future__ import annotations

import base64
import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode

import jwt
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from fastapi import FastAPI, Form, Request
from fastapi.responses import JSONResponse, RedirectResponse

from tests.services.support import free_port

CLIENT_ID = "jingkang-console"
CLIENT_SECRET = "console client secret"


@dataclass
class Behaviour:
    """What the next ID token says; the defaults make an honest one."""

    claims: dict[str, Any] = field(default_factory=lambda: {
        "preferred_username": "nurse.zhang", "name": "张护士", "jingkang_role": "hospital",
        "jingkang_org": "hosp-sjz-8", "jingkang_region": "130100"})
    audience: str | None = None  # another client's id instead of ours
    nonce: str | None = None  # another nonce instead of the one asked with
    lifetime: timedelta = timedelta(minutes=5)  # negative: expired when issued
    sign_with_another_key: bool = False


class Provider:
    def __init__(self, base_url: str, redirect_url: str,
                 now: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self.issuer, self.redirect_url, self.now = base_url, redirect_url, now
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.behaviour = Behaviour()
        self.codes: dict[str, dict[str, str]] = {}
        self.app = self._app()

    def id_token(self, nonce: str) -> str:
        b = self.behaviour
        now = self.now()
        claims = {"iss": self.issuer, "sub": f"sub-{b.claims.get('preferred_username')}",
                  "aud": b.audience or CLIENT_ID, "iat": int(now.timestamp()),
                  "exp": int((now + b.lifetime).timestamp()), "nonce": b.nonce or nonce,
                  **b.claims}
        key = rsa.generate_private_key(public_exponent=65537, key_size=2048) \
            if b.sign_with_another_key else self.key
        return jwt.encode(claims, key, algorithm="RS256", headers={"kid": "test-key"})

    def _app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/.well-known/openid-configuration")
        async def discovery() -> dict[str, Any]:
            return {"issuer": self.issuer, "authorization_endpoint": f"{self.issuer}/authorize",
                    "token_endpoint": f"{self.issuer}/token", "jwks_uri": f"{self.issuer}/jwks",
                    "response_types_supported": ["code"], "subject_types_supported": ["public"],
                    "id_token_signing_alg_values_supported": ["RS256"],
                    "code_challenge_methods_supported": ["S256"]}

        @app.get("/jwks")
        async def jwks() -> dict[str, Any]:
            key = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
            return {"keys": [{**key, "kid": "test-key", "use": "sig", "alg": "RS256"}]}

        @app.get("/authorize")
        async def authorize(request: Request) -> RedirectResponse:
            asked = request.query_params
            assert asked["client_id"] == CLIENT_ID and asked["response_type"] == "code"
            assert asked["redirect_uri"] == self.redirect_url
            assert asked["code_challenge_method"] == "S256" and "openid" in asked["scope"]
            code = secrets.token_urlsafe(16)
            self.codes[code] = {"challenge": asked["code_challenge"], "nonce": asked["nonce"]}
            back = urlencode({"code": code, "state": asked["state"]})
            return RedirectResponse(f"{self.redirect_url}?{back}", status_code=302)

        @app.post("/token")
        async def token(request: Request, grant_type: str = Form(), code: str = Form(),
                        redirect_uri: str = Form(), code_verifier: str = Form()) -> JSONResponse:
            expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
            if request.headers.get("authorization") != f"Basic {expected}":
                return JSONResponse({"error": "invalid_client"}, status_code=401)
            issued = self.codes.pop(code, None)
            if (issued is None or grant_type != "authorization_code"
                    or redirect_uri != self.redirect_url
                    or _s256(code_verifier) != issued["challenge"]):
                return JSONResponse({"error": "invalid_grant"}, status_code=400)
            return JSONResponse({"access_token": secrets.token_urlsafe(16), "token_type": "Bearer",
                                 "id_token": self.id_token(issued["nonce"])})
        return app


def _s256(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()


@contextmanager
def served(app: Any, port: int) -> Iterator[str]:
    """The app on 127.0.0.1:port in a thread of its own, until the block ends."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError(f"nothing listening on port {port}")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def provider(redirect_url: str, now: Callable[[], datetime] | None = None) -> Iterator[Provider]:
    port = free_port()
    made = Provider(f"http://127.0.0.1:{port}", redirect_url, *([now] if now else []))
    with served(made.app, port):
        yield made
