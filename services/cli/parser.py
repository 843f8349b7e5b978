"""The command line: every subcommand, its arguments, and the function that runs it."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from importlib.metadata import version as package_version
from typing import Any

from .config import SERVICES
from .console_admin import add_create_admin
from .integrity import cmd_checkpoint, cmd_seal_legacy, cmd_verify
from .maintenance import cmd_demo, cmd_purge_access_log, cmd_replay
from .openapi import cmd_openapi
from .serving import cmd_migrate, cmd_run, cmd_serve, cmd_token

DESCRIPTION = ("The `jingkang` command: run the system, serve one service, migrate, mint tokens, "
               "dump OpenAPI.")


ROLE_WORDS = {"hospital": "医疗机构", "social_worker": "社会工作者", "reporter": "报告方",
              "institution": "康复服务机构", "platform": "转介服务平台",
              "civil_affairs": "民政部门", "health_commission": "卫生健康部门",
              "disabled_federation": "残疾人联合会", "auditor": "审计人员", "admin": "系统管理员",
              "service": "平台内部服务"}


def _region(text: str) -> str:
    """A division code the services accept as a token's region."""
    from jingkang.common.adapters.region_overrides import load_region_table

    from .config import settings_of

    year = date.today().year
    if not (text.isdigit() and len(text) in (6, 9)):
        raise argparse.ArgumentTypeError(
            f"{text!r}: six digits (province, city or county) or nine (township)")
    table = load_region_table(settings_of("referral").region_overrides_file)
    if text != "000000" and table.get(text[:6], year) is None:
        raise argparse.ArgumentTypeError(f"{text[:6]} is not a division code valid in {year}")
    return text


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of seconds") from None
    if value <= 0:
        raise argparse.ArgumentTypeError(f"{value}: a lifetime must be positive")
    return value


def _command(sub: Any, name: str, summary: str, func: Any, epilog: str | None = None) -> Any:
    """A subcommand whose own --help says what it does (argparse shows ``help`` only in the
    parent's list)."""
    command = sub.add_parser(name, help=summary, description=summary, epilog=epilog,
                             formatter_class=argparse.RawDescriptionHelpFormatter)
    command.set_defaults(func=func)
    return command


def _service_argument(command: Any, *, all_too: bool = True) -> None:
    if all_too:
        command.add_argument("service", choices=(*SERVICES, "all"), nargs="?", default="all",
                             help="referral, registry or all (default: all)")
    else:
        command.add_argument("service", choices=SERVICES, help="referral or registry")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jingkang", description=DESCRIPTION)
    parser.add_argument("--version", action="version",
                        version=f"jingkang {package_version('jingkang')}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    _command(sub, "run", "migrate both databases and start both services; Ctrl-C stops them",
             cmd_run)
    serve = _command(sub, "serve", "start one service (uvicorn, uvloop, httptools)", cmd_serve)
    _service_argument(serve, all_too=False)
    serve.add_argument("--workers", type=_positive, help="worker processes, PostgreSQL only "
                       "(default: the workers setting, 1)")
    migrate = _command(sub, "migrate", "apply the Alembic migrations to a service's database",
                       cmd_migrate)
    _service_argument(migrate)
    roles = "\n".join(f"  {role:20} {word}" for role, word in ROLE_WORDS.items())
    token = _command(sub, "token", "print a bearer token the local services accept "
                     "(signed with JINGKANG_JWT_SECRET)", cmd_token, epilog=f"roles:\n{roles}")
    token.add_argument("--role", required=True, choices=tuple(ROLE_WORDS), metavar="ROLE",
                       help="the role claim (see the list below)")
    token.add_argument("--org", required=True, help="the org_id claim: hospital, institution "
                       "or office id")
    token.add_argument("--region", required=True, type=_region,
                       help="the region claim: a GB/T 2260 code (130000 province, 130100 city, "
                            "130102 county) or a nine-digit township")
    token.add_argument("--sub", help="the subject (user id); default <role>-user")
    token.add_argument("--ttl", type=_positive, help="lifetime in seconds (default: the "
                       "jwt_ttl_seconds setting)")
    replay = _command(sub, "replay", "rebuild a service's projections from the events (stop "
                      "that service first; the other must be running)", cmd_replay)
    _service_argument(replay, all_too=False)
    verify = _command(sub, "verify", "check every hash chain, seal and checkpoint, and every "
                      "projection against the fold of its events", cmd_verify)
    _service_argument(verify)
    verify.add_argument("--strict", action="store_true",
                        help="unsealed events from before seals existed count as failures")
    verify.add_argument("--against", metavar="FILE",
                        help="a checkpoint kept earlier (the JSON GET /v1/integrity/checkpoints/"
                             "latest serves): does the store still hold exactly that history?")
    verify.add_argument("--public-key", metavar="BASE64",
                        help="the Ed25519 public key trusted for checkpoints (default: the "
                             "configured ledger key's; see GET /v1/integrity/key)")
    verify.add_argument("--no-projections", dest="projections", action="store_false",
                        help="check the hash chains only (the projection checks read every "
                             "row, and the registry's archive needs the referral service)")
    checkpoint = _command(sub, "checkpoint", "sign and store a checkpoint of the store now",
                          cmd_checkpoint)
    _service_argument(checkpoint)
    checkpoint.add_argument("--out", metavar="FILE",
                            help="also write the latest checkpoint as JSON ({service} in the "
                                 "name becomes the service)")
    seal = _command(sub, "seal-legacy", "seal the events stored before seals existed",
                    cmd_seal_legacy)
    _service_argument(seal)
    purge = _command(sub, "purge-access-log", "remove access-log entries older than the "
                     "retention (never younger than 180 days)", cmd_purge_access_log)
    _service_argument(purge)
    openapi = _command(sub, "openapi", "write openapi/*.json from the code", cmd_openapi)
    openapi.add_argument("--check", action="store_true",
                         help="write nothing; fail if the files differ from the code")
    demo = _command(sub, "demo", "load demonstration data into the running services, through "
                    "their public APIs", cmd_demo)
    demo.add_argument("--referral-url", help="default: the referral_url setting")
    demo.add_argument("--registry-url", help="default: the registry_url setting")
    add_create_admin(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:
        print(f"jingkang: {exc}", file=sys.stderr)
        return 2
