"""The sign-in log: who signed in or out, failed or was locked out, when and from where."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

# What happened, with the words the log page shows.
OUTCOMES = {
    "signed_in": "登录成功", "signed_out": "退出登录", "failed": "登录失败",
    "locked": "账户被锁定", "refused_locked": "账户锁定中，拒绝登录", "expired": "会话超时退出",
}
# How the person proved who they are.
METHODS = {"password": "密码", "totp": "动态验证码", "oidc": "统一身份认证", "": ""}
# Why, in the log's words: the reasons the access logger gives in English, said in Chinese.
DETAILS = {
    "unknown user": "用户名不存在", "wrong password": "密码错误", "wrong TOTP code": "动态验证码错误",
    "external account": "统一身份认证账户不能使用密码登录",
    "second factor by the provider": "第二重身份验证由统一身份认证完成",
}
PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class SignInEntry:
    at: datetime
    username: str  # as typed for an unknown user, cut to 64 characters
    outcome: str
    client: str  # the IP address the request came from
    method: str = ""
    detail: str = ""  # why a sign-in failed, in Chinese


@dataclass(frozen=True, slots=True)
class SignInQuery:
    """The log page's filters; ``since`` and ``until`` are China dates, both included."""

    username: str = ""
    outcome: str = ""
    since: date | None = None
    until: date | None = None
    page: int = 1


class QueryRefused(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def parse_query(username: str, outcome: str, since: str, until: str, page: str) -> SignInQuery:
    """The filters as typed, checked; a refusal names its field."""
    if outcome and outcome not in OUTCOMES:
        raise QueryRefused("outcome", "请选择登录结果")
    first, last = _date("since", since), _date("until", until)
    if first and last and first > last:
        raise QueryRefused("until", "结束日期不能早于开始日期")
    if not page.isdigit() or int(page) < 1:
        raise QueryRefused("page", "页码须为正整数")
    return SignInQuery(username.strip().lower()[:64], outcome, first, last, int(page))


def _date(field: str, text: str) -> date | None:
    if not text.strip():
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise QueryRefused(field, "日期格式应为 2026-12-04") from None
