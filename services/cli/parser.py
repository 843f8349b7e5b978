"""The command line: every subcommand, its arguments, and the function that runs it."""

from __future__ import annotations

import argparse
import sys

from .config import SERVICES
from .console_admin import add_create_admin
from .integrity import cmd_checkpoint, cmd_seal_legacy, cmd_verify
from .maintenance import cmd_demo, cmd_purge_access_log, cmd_replay
from .openapi import cmd_openapi
from .serving import cmd_migrate, cmd_run, cmd_serve, cmd_token

DESCRIPTION = ("The `jingkang` command: run the system, serve one service, migrate, mint tokens, "
               "dump OpenAPI.")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jingkang", description=DESCRIPTION)
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("run", help="migrate and start both services").set_defaults(func=cmd_run)
    serve = sub.add_parser("serve", help="start one service (uvloop, httptools)")
    serve.add_argument("service", choices=SERVICES)
    serve.set_defaults(func=cmd_serve)
    migrate = sub.add_parser("migrate", help="apply Alembic migrations")
    migrate.add_argument("service", choices=(*SERVICES, "all"), nargs="?", default="all")
    migrate.set_defaults(func=cmd_migrate)
    token = sub.add_parser("token", help="print a bearer token the local services accept")
    token.add_argument("--role", required=True)
    token.add_argument("--org", required=True, help="org_id claim")
    token.add_argument("--region", required=True, help="GB/T 2260 region code claim")
    token.add_argument("--sub", help="subject (user id)")
    token.add_argument("--ttl", type=int, help="lifetime in seconds")
    token.set_defaults(func=cmd_token)
    replay = sub.add_parser("replay", help="rebuild a service's projections from the events")
    replay.add_argument("service", choices=SERVICES)
    replay.set_defaults(func=cmd_replay)
    verify = sub.add_parser("verify", help="check every hash chain, seal and checkpoint, and "
                                           "every projection against the fold of its events")
    verify.add_argument("service", choices=(*SERVICES, "all"), nargs="?", default="all")
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
    verify.set_defaults(func=cmd_verify)
    checkpoint = sub.add_parser("checkpoint", help="sign and store a checkpoint of the store now")
    checkpoint.add_argument("service", choices=(*SERVICES, "all"), nargs="?", default="all")
    checkpoint.add_argument("--out", metavar="FILE",
                            help="also write the latest checkpoint as JSON ({service} in the "
                                 "name becomes the service)")
    checkpoint.set_defaults(func=cmd_checkpoint)
    seal = sub.add_parser("seal-legacy", help="seal the events stored before seals existed")
    seal.add_argument("service", choices=(*SERVICES, "all"), nargs="?", default="all")
    seal.set_defaults(func=cmd_seal_legacy)
    purge = sub.add_parser("purge-access-log",
                           help="remove access-log entries older than the retention")
    purge.add_argument("service", choices=(*SERVICES, "all"), nargs="?", default="all")
    purge.set_defaults(func=cmd_purge_access_log)
    openapi = sub.add_parser("openapi", help="write openapi/*.json from the code")
    openapi.add_argument("--check", action="store_true", help="fail if the files differ")
    openapi.set_defaults(func=cmd_openapi)
    demo = sub.add_parser("demo", help="load demonstration data into the running services")
    demo.add_argument("--referral-url", help="default: the referral_url setting")
    demo.add_argument("--registry-url", help="default: the registry_url setting")
    demo.set_defaults(func=cmd_demo)
    add_create_admin(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:
        print(f"jingkang: {exc}", file=sys.stderr)
        return 2
