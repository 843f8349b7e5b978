"""Creating accounts: the first administrator from the command line, the others by an
administrator in the console."""

from __future__ import annotations

import logging

from ..domain import totp
from ..domain.accounts import Account, AccountRefused, check_new_account
from .ports import AccountStore, PasswordHasher

log = logging.getLogger("jingkang.console.access")


class Accounts:
    def __init__(self, store: AccountStore, hasher: PasswordHasher) -> None:
        self._store, self._hasher = store, hasher

    async def create(self, *, username: str, role: str, org_id: str, region: str,
                     display_name: str, password: str, with_totp: bool = False,
                     created_by: str) -> Account:
        """The new account; with ``with_totp`` its TOTP secret is made now (to be shown once),
        else a role that needs one enrols at its first sign-in."""
        username = username.strip().lower()
        check_new_account(username, role, org_id.strip(), region.strip(), password)
        account = Account(username, role, org_id.strip(), region.strip(),
                          display_name.strip() or username, self._hasher.hash(password),
                          totp.new_secret() if with_totp else None)
        if not await self._store.add(account):
            raise AccountRefused("username", "用户名已存在")
        log.info("account created: %s (%s, %s, %s) by %s", username, role, org_id, region,
                 created_by)
        return account

    async def list(self) -> list[Account]:
        return await self._store.all()
