"""The `jingkang` command as an operator meets it: every command explains itself, arguments
are checked before anything runs, and `replay` refuses what would go wrong instead of
crashing or reporting a success it did not have."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from jingkang.cli.parser import build_parser

from .support import running, service_env


def jingkang(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "jingkang.cli", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_every_command_describes_itself_and_each_option() -> None:
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse's own
    assert len(commands) >= 11
    for name, command in commands.items():
        assert command.description, name
        for action in command._actions:  # noqa: SLF001
            if action.dest != "help":
                assert action.help, (name, action.dest)


def test_version_and_the_roles_in_token_help() -> None:
    assert jingkang("--version").stdout.startswith("jingkang ")
    text = jingkang("token", "--help").stdout
    for role in ("hospital", "civil_affairs", "health_commission", "auditor"):
        assert role in text
    assert "民政部门" in text


@pytest.mark.parametrize("args, complaint", [
    (("--region", "12"), "six digits"),
    (("--region", "999999"), "not a division code"),
    (("--region", "130102", "--ttl", "-5"), "must be positive"),
    (("--region", "130102", "--ttl", "soon"), "whole number"),
])
def test_token_arguments_are_checked(args: tuple[str, ...], complaint: str) -> None:
    done = jingkang("token", "--role", "hospital", "--org", "h1", *args)
    assert done.returncode == 2 and complaint in done.stderr and not done.stdout


def test_openapi_check_says_so_when_all_is_well() -> None:
    done = jingkang("openapi", "--check")
    assert done.returncode == 0 and "match the code" in done.stdout


def test_replay_refuses_without_its_source_and_while_its_service_runs(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    alone = jingkang("replay", "registry", env=env)
    assert alone.returncode == 1 and "Traceback" not in alone.stderr
    assert "referral service's feed" in alone.stderr and "does not answer" in alone.stderr
    bases = [env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]]
    with running(["run"], env, bases):
        busy = jingkang("replay", "referral", env=env)
    assert busy.returncode == 1 and "is running" in busy.stderr and "stop it first" in busy.stderr


def test_replay_runs_with_its_service_stopped_and_the_other_up(tmp_path: Path) -> None:
    env = service_env(tmp_path)
    assert jingkang("migrate", "all", env=env).returncode == 0
    with running(["serve", "referral"], env, [env["JINGKANG_REFERRAL_URL"]]):
        done = jingkang("replay", "registry", env=env)
    assert done.returncode == 0, done.stderr
    assert "registry: replayed" in done.stdout


def test_long_work_reports_its_progress(capsys: pytest.CaptureFixture[str]) -> None:
    from jingkang.cli.progress import Progress

    progress = Progress("verify referral", 3, "streams", every=0)
    progress.advance(events=1_000)
    progress.advance(events=500)
    lines = capsys.readouterr().err.splitlines()
    assert lines[-1].startswith("verify referral: 2 of 3 streams, 1,500 events, ")
    assert lines[-1].endswith(" events/s")
    quiet = Progress("verify registry", 3, "streams", every=60)
    quiet.advance(events=1)
    assert capsys.readouterr().err == ""
