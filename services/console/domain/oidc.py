"""OpenID Connect sign-in, decided without I/O: the PKCE challenge, the checks of an ID
token's claims (issuer, audience, expiry, nonce) and the mapping of claims to an account."""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from .accounts import REGION, ROLES, USERNAME

# The messages a person sees on the sign-in page.
BAD_STATE = "登录请求已失效或与本次登录不符，请重新登录"
PROVIDER_DENIED = "统一身份认证未同意本次登录"
PROVIDER_UNREACHABLE = "统一身份认证服务暂时无法访问，请稍后再试"
BAD_TOKEN = "统一身份认证返回的身份凭证无效，请重新登录"
WRONG_ISSUER = "身份凭证不是由配置的统一身份认证签发的"
WRONG_AUDIENCE = "身份凭证不是签发给本系统的"
EXPIRED = "身份凭证已过期，请重新登录"
WRONG_NONCE = "身份凭证与本次登录请求不符，请重新登录"
LOCAL_ACCOUNT = "该用户名已由本系统的密码账户使用，不能通过统一身份认证登录，请联系管理员"
SECOND_FACTOR_AMR = frozenset({"mfa", "otp"})  # RFC 8176 values that mean a second factor
CLOCK_SKEW = timedelta(minutes=1)


class OidcRefused(Exception):
    """A sign-in through the identity provider that the console does not accept; the message
    is for the person, ``why`` for the log."""

    def __init__(self, message: str, why: str, username: str = "-") -> None:
        super().__init__(message)
        self.why, self.username = why, username


@dataclass(frozen=True)
class ClaimMapping:
    """Which claims name the account, and how the provider's role values read as ours (a value
    not in ``roles`` is taken as our role name itself)."""

    username: str = "preferred_username"
    display_name: str = "name"
    role: str = "jingkang_role"
    org_id: str = "jingkang_org"
    region: str = "jingkang_region"
    roles: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ExternalIdentity:
    """Who the provider says signed in, as a console account would hold it."""

    username: str
    role: str
    org_id: str
    region: str
    display_name: str
    second_factor_done: bool


def code_challenge(verifier: str) -> str:
    """The PKCE S256 challenge (RFC 7636) of a verifier."""
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def check_id_token(claims: dict[str, Any], *, issuer: str, client_id: str, nonce: str,
                   now: datetime) -> None:
    """The ID token's claims are for this console, from this issuer, this sign-in, still valid
    (OpenID Connect Core 3.1.3.7); its signature is checked before."""
    if claims.get("iss") != issuer:
        raise OidcRefused(WRONG_ISSUER, f"iss {str(claims.get('iss'))[:100]!r}")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences or (len(audiences) > 1 and claims.get("azp") != client_id):
        raise OidcRefused(WRONG_AUDIENCE, f"aud {str(audience)[:100]!r}")
    expires = claims.get("exp")
    if not isinstance(expires, int | float) or expires <= (now - CLOCK_SKEW).timestamp():
        raise OidcRefused(EXPIRED, f"exp {expires!r}")
    if claims.get("nonce") != nonce:
        raise OidcRefused(WRONG_NONCE, "nonce does not match")


def identity_of(claims: dict[str, Any], mapping: ClaimMapping) -> ExternalIdentity:
    """The account the claims describe; a claim missing or out of our vocabulary refuses."""
    username = _text(claims, mapping.username, "用户名").lower()
    if not USERNAME.fullmatch(username):
        raise OidcRefused(f"统一身份认证提供的用户名“{username[:64]}”不符合本系统的用户名规则，"
                          "请联系管理员", f"username {username[:64]!r}")
    try:
        role = _role(claims, mapping)
        region = _text(claims, mapping.region, "行政区划代码")
        if not REGION.fullmatch(region):
            raise OidcRefused(f"统一身份认证提供的行政区划代码“{region[:20]}”无效，请联系管理员",
                              f"region {region[:20]!r}")
        org_id = _text(claims, mapping.org_id, "所属机构")[:100]
    except OidcRefused as refused:
        raise OidcRefused(str(refused), refused.why, username) from None
    name = str(claims.get(mapping.display_name) or username)[:100]
    methods = claims.get("amr") if isinstance(claims.get("amr"), list) else []
    return ExternalIdentity(username, role, org_id, region, name,
                            bool(SECOND_FACTOR_AMR.intersection(map(str, methods))))


def _role(claims: dict[str, Any], mapping: ClaimMapping) -> str:
    given = claims.get(mapping.role)
    values = [str(v) for v in given] if isinstance(given, list) else [str(given or "")]
    for value in values:
        role = mapping.roles.get(value, value)
        if role in ROLES:
            return role
    shown = "、".join(values)[:60] or "（无）"
    raise OidcRefused(f"统一身份认证提供的角色“{shown}”在本系统中不存在，请联系管理员",
                      f"unknown role {shown!r}")


def _text(claims: dict[str, Any], name: str, what: str) -> str:
    value = claims.get(name)
    if not isinstance(value, str | int) or not str(value).strip():
        raise OidcRefused(f"统一身份认证未提供{what}（{name}），请联系管理员", f"no claim {name}")
    return str(value).strip()
