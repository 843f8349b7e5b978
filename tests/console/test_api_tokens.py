"""The tokens the console mints for its users, as the services' own verifier reads them:
HS256 with the shared secret by default, RS256 with the console's private key when the
deployment gives it one, with the issuer and audience the services require."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from jingkang.common.web.auth import TokenVerifier
from jingkang.common.web.problems import Problem
from jingkang.console.bootstrap import token_minter
from jingkang.console.config import Settings
from jingkang.console.domain.accounts import Account

SECRET = "console-token-tests-secret-0123456789abcdef"


def _account() -> Account:
    return Account(username="nurse.li", role="hospital", org_id="hosp-sjz-8", region="130100",
                   display_name="李护士", password_hash="", totp_secret=None)


def _pem(tmp_path: Path) -> tuple[Path, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = tmp_path / "console-signing.pem"
    private.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                          serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo)
    return private, public.decode()


def test_by_default_the_shared_secret_signs_hs256(tmp_path: Path) -> None:
    token = token_minter(Settings(_env_file=None, jwt_secret=SECRET, data_dir=tmp_path))(
        _account())
    principal = TokenVerifier(secret=SECRET).verify(token)
    assert (principal.sub, principal.role, principal.org_id, principal.region) == (
        "console:nurse.li", "hospital", "hosp-sjz-8", "130100")


def test_with_a_private_key_the_console_signs_rs256_that_the_services_trust(
        tmp_path: Path) -> None:
    private, public = _pem(tmp_path)
    settings = Settings(_env_file=None, jwt_secret=SECRET, data_dir=tmp_path,
                        console_api_signing_key_file=private, console_api_signing_key_id="c1",
                        jwt_issuer="https://jingkang.example/console",
                        jwt_audience="jingkang-apis")
    token = token_minter(settings)(_account())
    verifier = TokenVerifier(algorithm="RS256", public_key=public,
                             issuer="https://jingkang.example/console", audience="jingkang-apis")
    assert verifier.verify(token).sub == "console:nurse.li"
    with pytest.raises(Problem):  # a service that trusts only the shared secret refuses it
        TokenVerifier(secret=SECRET).verify(token)
    with pytest.raises(Problem):  # and one that requires another audience
        TokenVerifier(algorithm="RS256", public_key=public, audience="elsewhere").verify(token)
