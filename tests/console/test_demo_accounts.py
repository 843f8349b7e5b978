"""`jingkang demo`'s console accounts: one per role, known passwords, TOTP where the role needs
it, and a second run leaves the accounts there as they are."""

from __future__ import annotations

from pathlib import Path

import pytest

from jingkang.console.config import Settings
from jingkang.console.domain.accounts import SECOND_FACTOR_ROLES
from jingkang.demo.accounts import DEMO_ACCOUNTS, create_console_accounts

from .support import console


def _settings(tmp_path: Path) -> Settings:
    return Settings(_env_file=None, data_dir=tmp_path,
                    console_database_url=f"sqlite+aiosqlite:///{tmp_path / 'console.db'}")


def test_the_demo_creates_one_account_per_role_that_signs_in_with_its_printed_password(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    done = create_console_accounts(_settings(tmp_path))
    printed = capsys.readouterr().out
    assert {demo.role for demo, _, _ in done} == {
        "hospital", "social_worker", "platform", "institution", "civil_affairs", "auditor",
        "admin"}
    for demo, secret, created in done:
        assert created and demo.username in printed and demo.password in printed
        assert (secret is not None) == (demo.role in SECOND_FACTOR_ROLES)
        if secret:
            assert secret in printed
    with console(tmp_path) as c:
        nurse = next(d for d in DEMO_ACCOUNTS if d.role == "hospital")
        assert c.sign_in(nurse.username, nurse.password).headers["location"] == "/"


def test_a_second_run_keeps_the_accounts_and_their_secrets(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    first = create_console_accounts(_settings(tmp_path))
    again = create_console_accounts(_settings(tmp_path))
    assert "exists already" in capsys.readouterr().out
    assert [created for _, _, created in again] == [False] * len(DEMO_ACCOUNTS)
    assert [secret for _, secret, _ in again] == [secret for _, secret, _ in first]


def test_an_unreachable_console_database_is_reported_not_raised(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a file").write_text("not a directory")
    settings = Settings(_env_file=None, data_dir=tmp_path, console_database_url=(
        f"sqlite+aiosqlite:///{tmp_path / 'a file' / 'console.db'}"))
    assert create_console_accounts(settings) == []
    assert "console accounts not created" in capsys.readouterr().out
