"""Settings of the console."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, SecretStr

from jingkang.common.settings import CommonSettings


class Settings(CommonSettings):
    console_database_url: str | None = Field(
        None, description="SQLAlchemy URL of the accounts database; default: SQLite under data_dir")
    console_port: int = Field(8003, ge=1, le=65535)
    console_idle_minutes: int = Field(
        30, ge=1, le=24 * 60, description="a session unused this long is signed out")
    console_session_hours: int = Field(
        12, ge=1, le=72, description="a session ends this long after sign-in, used or not")
    console_lockout_failures: int = Field(
        5, ge=1, le=20, description="consecutive failed sign-ins that lock an account")
    console_lockout_minutes: int = Field(
        15, ge=1, description="how long a locked account stays locked")
    console_api_token_seconds: int = Field(
        300, ge=60, le=3600, description="lifetime of the bearer tokens the console mints")
    console_api_signing_key_file: Path | None = Field(
        None, description="PEM RSA private key: the console then signs the users' API tokens "
                          "RS256, for services that trust its public half (jwt_public_key_file "
                          "or their JWKS); without it, HS256 with the shared secret")
    console_api_signing_key_id: str | None = Field(
        None, description="the `kid` header of those tokens, to pick the key from a JWKS")
    console_secure_cookies: bool = Field(
        False, description="always mark the session cookie Secure (it is whenever the request "
                           "came over HTTPS)")

    # OpenID Connect sign-in (docs/console.md): offered only when the issuer, the client id and
    # the redirect URL are all set.
    console_oidc_issuer: str | None = Field(
        None, description="the provider's issuer URL; its discovery document is read from "
                          "<issuer>/.well-known/openid-configuration")
    console_oidc_client_id: str | None = Field(None, description="the console's client id")
    console_oidc_client_secret: SecretStr | None = Field(
        None, description="the console's client secret (sent with HTTP Basic to the token "
                          "endpoint); none for a public client")
    console_oidc_redirect_url: str | None = Field(
        None, description="where the provider sends the browser back: "
                          "https://<console>/signin/oidc/callback")
    console_oidc_scopes: str = Field("openid profile", description="the scopes asked for")
    console_oidc_username_claim: str = "preferred_username"
    console_oidc_name_claim: str = "name"
    console_oidc_role_claim: str = Field(
        "jingkang_role", description="the claim naming the role (a string or a list)")
    console_oidc_org_claim: str = Field("jingkang_org", description="the claim naming the "
                                                                    "organisation")
    console_oidc_region_claim: str = Field("jingkang_region", description="the claim naming "
                                                                          "the region code")
    console_oidc_role_map: dict[str, str] = Field(
        default_factory=dict, description="the provider's role values as the console's roles, "
        'JSON such as {"psych-nurse": "hospital"}; a value not listed is taken as a role name')

    @property
    def oidc_configured(self) -> bool:
        return bool(self.console_oidc_issuer and self.console_oidc_client_id
                    and self.console_oidc_redirect_url)

    @property
    def database_url(self) -> str:
        return self.console_database_url or self.sqlite_url("console")

    @property
    def port(self) -> int:
        return self.console_port
