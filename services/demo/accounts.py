"""The console's demo accounts: one per role, with known passwords, written into the console's
own database through its application layer (as ``jingkang create-admin`` does); accounts that
exist already are left as they are.  Each acts as the principal the demo itself uses for that
role, so its work lists show the demo's cases."""

from __future__ import annotations

import asyncio
from typing import Any, NamedTuple

from .data import HOSPITALS, PROVINCE, SITES
from .principals import AUDITOR, CIVIL_AFFAIRS, PLATFORM


class DemoAccount(NamedTuple):
    username: str
    role: str
    org_id: str
    region: str
    display_name: str
    password: str


DEMO_INSTITUTION = SITES[0]  # 石家庄市精神障碍社区康复服务中心
DEMO_ACCOUNTS = (
    DemoAccount("demo-hospital", "hospital", HOSPITALS["130100"], "130100", "石家庄市第八医院 护士",
                "demo-hospital-pw"),
    DemoAccount("demo-social-worker", "social_worker", "sw-130100", "130100", "石家庄市 社会工作者",
                "demo-social-worker-pw"),
    DemoAccount("demo-platform", "platform", PLATFORM.org_id, PLATFORM.region, "转介服务平台 调度员",
                "demo-platform-pw"),
    DemoAccount("demo-institution", "institution", DEMO_INSTITUTION.institution_id,
                DEMO_INSTITUTION.region, DEMO_INSTITUTION.name, "demo-institution-pw"),
    DemoAccount("demo-civil-affairs", "civil_affairs", CIVIL_AFFAIRS.org_id, CIVIL_AFFAIRS.region,
                "河北省民政厅", "demo-civil-affairs-pw"),
    DemoAccount("demo-auditor", "auditor", AUDITOR.org_id, AUDITOR.region, "河北省 审计员",
                "demo-auditor-pw"),
    DemoAccount("demo-admin", "admin", "jingkang-admin", PROVINCE, "系统管理员", "demo-admin-pw"),
)


async def _create(settings: Any) -> list[tuple[DemoAccount, str | None, bool]]:
    """(account, TOTP secret, created now) for each demo account."""
    from jingkang.console.bootstrap import build_runtime
    from jingkang.console.domain.accounts import SECOND_FACTOR_ROLES

    runtime = await build_runtime(settings)
    try:
        existing = {account.username: account for account in await runtime.accounts.list()}
        done = []
        for demo in DEMO_ACCOUNTS:
            if demo.username in existing:
                done.append((demo, existing[demo.username].totp_secret, False))
                continue
            account = await runtime.accounts.create(
                username=demo.username, role=demo.role, org_id=demo.org_id, region=demo.region,
                display_name=demo.display_name, password=demo.password,
                with_totp=demo.role in SECOND_FACTOR_ROLES, created_by="jingkang demo")
            done.append((demo, account.totp_secret, True))
        return done
    finally:
        await runtime.close()


def create_console_accounts(settings: Any = None) -> list[tuple[DemoAccount, str | None, bool]]:
    """Create the demo accounts in the console's database (``settings``: the console's
    settings, by default from the environment) and print them; when that database cannot be
    reached, say so and create none (the services' demo data is loaded either way)."""
    from sqlalchemy.exc import SQLAlchemyError

    if settings is None:
        from jingkang.console.config import Settings

        settings = Settings()
    try:
        done = asyncio.run(_create(settings))
    except (SQLAlchemyError, OSError) as exc:  # the loaded data stays; say why, go on
        print(f"console accounts not created: the console's database ({exc.__class__.__name__}: "
              f"{str(exc).splitlines()[0][:200]})")
        return []
    print("console accounts (工作台, demo passwords; change them before real use):")
    for demo, secret, created in done:
        totp = f"  TOTP secret {secret}" if secret else ""
        state = "" if created else "  (exists already)"
        print(f"  {demo.username:<20} {demo.password:<24} {demo.role:<14}{totp}{state}")
    return done
