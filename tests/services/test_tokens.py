"""Bearer tokens: HS256 locally, RS256 by public key or JWKS; every malformed token is a 401."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from jingkang.common.web.auth import TokenVerifier, mint_token
from jingkang.common.web.problems import Problem

SECRET = "a-shared-secret-long-enough-for-hs256-0123"
CLAIMS = {"sub": "u1", "role": "auditor", "org_id": "audit-1", "region": "130000"}


def _claims(**overrides) -> dict:
    now = int(time.time())
    return {**CLAIMS, "iat": now, "nbf": now, "exp": now + 600, **overrides}


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


def _public_pem(key) -> str:
    return key.public_key().public_bytes(serialization.Encoding.PEM,
                                         serialization.PublicFormat.SubjectPublicKeyInfo).decode()


def _refused(verifier: TokenVerifier, token: str) -> Problem:
    with pytest.raises(Problem) as refused:
        verifier.verify(token)
    assert refused.value.status == 401
    return refused.value


def test_hs256_accepts_its_own_tokens_and_refuses_the_rest() -> None:
    verifier = TokenVerifier(secret=SECRET)
    token = mint_token(SECRET, sub="u1", role="auditor", org_id="audit-1", region="130000")
    assert verifier.verify(token).role == "auditor"
    _refused(verifier, jwt.encode(_claims(exp=int(time.time()) - 120), SECRET, "HS256"))
    _refused(verifier, jwt.encode(_claims(nbf=int(time.time()) + 600), SECRET, "HS256"))
    _refused(verifier, jwt.encode(_claims(), "another-secret-of-the-same-length-0123456", "HS256"))
    _refused(verifier, jwt.encode(_claims(), None, "none"))
    _refused(verifier, jwt.encode(_claims(role="superuser"), SECRET, "HS256"))
    for missing in ("sub", "role", "org_id", "region", "exp"):
        claims = _claims()
        del claims[missing]
        _refused(verifier, jwt.encode(claims, SECRET, "HS256"))
    _refused(verifier, "not.a.token")


def test_rs256_by_public_key_refuses_hs_rs_confusion(rsa_key) -> None:
    public_pem = _public_pem(rsa_key)
    verifier = TokenVerifier(algorithm="RS256", public_key=public_pem)
    assert verifier.verify(jwt.encode(_claims(), rsa_key, "RS256")).sub == "u1"
    other_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    _refused(verifier, jwt.encode(_claims(), other_key, "RS256"))
    _refused(verifier, jwt.encode(_claims(), SECRET, "HS256"))
    # The classic confusion: an HS256 token whose secret is the public key itself.
    _refused(verifier, _hs256_with_key(_claims(), public_pem.encode()))


def _hs256_with_key(claims: dict, key: bytes) -> str:
    """PyJWT refuses to sign HS256 with a PEM key, so build the token by hand."""
    import base64
    import hashlib
    import hmac

    def b64(raw: bytes) -> str:
        return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()

    signing_input = b64(json.dumps({"alg": "HS256", "typ": "JWT"}).encode()) + "." + b64(
        json.dumps(claims).encode())
    signature = hmac.new(key, signing_input.encode(), hashlib.sha256).digest()
    return signing_input + "." + b64(signature)


def test_rs256_by_jwks(rsa_key) -> None:
    jwk = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(rsa_key.public_key()))
    body = json.dumps({"keys": [{**jwk, "kid": "k1", "use": "sig", "alg": "RS256"}]}).encode()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *_: object) -> None:
            return

    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
        verifier = TokenVerifier(algorithm="RS256", jwks_url=url)
        token = jwt.encode(_claims(), rsa_key, "RS256", headers={"kid": "k1"})
        assert verifier.verify(token).org_id == "audit-1"
        stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        _refused(verifier, jwt.encode(_claims(), stranger, "RS256", headers={"kid": "k1"}))
    finally:
        server.shutdown()


def test_configuration_mistakes_are_refused_at_start() -> None:
    with pytest.raises(ValueError):
        TokenVerifier(algorithm="RS256")
    with pytest.raises(ValueError):
        TokenVerifier(algorithm="HS256", secret="")


def test_tokens_living_longer_than_the_maximum_are_refused() -> None:
    """A token valid for ten years was accepted; the maximum lifetime counts from iat, or
    from now when iat lies ahead (within the leeway).  5 tokens."""
    verifier = TokenVerifier(secret=SECRET, max_lifetime_seconds=3600)
    now = int(time.time())
    assert verifier.verify(jwt.encode(_claims(iat=now, exp=now + 3600), SECRET, "HS256"))
    problem = _refused(verifier, jwt.encode(_claims(iat=now, exp=now + 3601), SECRET, "HS256"))
    assert "at most 3600 s" in problem.detail
    _refused(verifier, jwt.encode(_claims(iat=now + 20, exp=now + 3615), SECRET, "HS256"))
    _refused(verifier, mint_token(SECRET, sub="u1", role="auditor", org_id="audit-1",
                                  region="130000", ttl_seconds=10 * 365 * 86_400))
    # The default: one day.
    _refused(TokenVerifier(secret=SECRET),
             jwt.encode(_claims(iat=now, exp=now + 86_401), SECRET, "HS256"))


@pytest.mark.parametrize("claims", [
    {"org_id": 123}, {"org_id": ["audit-1"]}, {"org_id": ""}, {"org_id": "o" * 101},
    {"org_id": "audit\x00"}, {"region": 130000}, {"region": "13000X"}, {"region": "1300000"},
    {"sub": "u\x01"}, {"sub": "u" * 201}, {"role": ["auditor"]}, {"exp": "9999999999"},
])
def test_claims_that_are_not_what_they_name_are_refused(claims: dict) -> None:
    """Numbers were turned into strings (org 123 became "123"), and claims were written into
    event metadata and the access log whatever their length or characters.  12 tokens."""
    _refused(TokenVerifier(secret=SECRET), jwt.encode(_claims(**claims), SECRET, "HS256"))


def test_the_minted_lifetime_may_not_exceed_the_maximum() -> None:
    from jingkang.common.settings import CommonSettings

    with pytest.raises(ValueError, match="TOKEN_MAX_LIFETIME"):
        CommonSettings(_env_file=None, jwt_ttl_seconds=7200, token_max_lifetime_seconds=3600)
    assert CommonSettings(_env_file=None).token_max_lifetime_seconds == 86_400
