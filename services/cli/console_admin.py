"""``jingkang create-admin``: the console's first administrator (later accounts are created by
an administrator in the console).  The password is read from the terminal, or from standard
input with ``--password-stdin``; the TOTP secret is made now and printed once."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from typing import Any


def add_create_admin(sub: Any) -> None:
    summary = ("create an administrator of the console (工作台); later accounts are created in "
               "the console by an administrator")
    parser = sub.add_parser("create-admin", help=summary, description=summary)
    parser.add_argument("username", help="the administrator's sign-in name")
    parser.add_argument("--org", default="jingkang-admin", help="org_id claim")
    parser.add_argument("--region", required=True, help="GB/T 2260 region code claim")
    parser.add_argument("--name", default="", help="display name")
    parser.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input")
    parser.set_defaults(func=cmd_create_admin)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\n")
    first = getpass.getpass("password: ")
    if first != getpass.getpass("again: "):
        raise ValueError("the two passwords differ")
    return first


def cmd_create_admin(args: argparse.Namespace) -> int:
    from jingkang.console.bootstrap import build_runtime
    from jingkang.console.config import Settings
    from jingkang.console.domain.accounts import AccountRefused
    from jingkang.console.domain.totp import provisioning_uri

    password = _password(args.password_stdin)

    async def create() -> Any:
        runtime = await build_runtime(Settings())
        try:
            return await runtime.accounts.create(
                username=args.username, role="admin", org_id=args.org, region=args.region,
                display_name=args.name, password=password, with_totp=True,
                created_by="command line")
        finally:
            await runtime.close()

    try:
        account = asyncio.run(create())
    except AccountRefused as refused:
        raise ValueError(f"{refused.field}: {refused}") from refused
    print(f"administrator {account.username} created")
    print(f"TOTP secret (add it to an authenticator app): {account.totp_secret}")
    print(provisioning_uri(account.totp_secret or "", account.username))
    return 0
