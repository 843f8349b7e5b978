"""The `jingkang` command: run the system, serve one service, migrate, mint tokens, dump OpenAPI."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

SERVICES = ("referral", "registry")
OPENAPI_DIR = Path(__file__).resolve().parents[1] / "openapi"


def _settings(service: str):  # noqa: ANN202 - each service has its own Settings class
    if service == "referral":
        from jingkang.referral.config import Settings
    else:
        from jingkang.registry.config import Settings
    return Settings()


def cmd_migrate(args: argparse.Namespace) -> int:
    from jingkang.common.migrations import upgrade_to_head

    for service in SERVICES if args.service == "all" else (args.service,):
        url = _settings(service).database_url
        upgrade_to_head(service, url)
        print(f"{service}: database at head ({_redact(url)})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from jingkang.common.runtime import end_long_polls

    class StoppingServer(uvicorn.Server):
        """uvicorn's server, which on the stop signal also has held feed calls answer now."""

        def handle_exit(self, sig: int, frame: Any) -> None:
            with contextlib.suppress(RuntimeError):  # no loop yet: no call is held
                asyncio.get_running_loop().call_soon_threadsafe(end_long_polls)
            super().handle_exit(sig, frame)

    settings = _settings(args.service)
    config = uvicorn.Config(
        f"jingkang.{args.service}.entrypoints.app:create_app", factory=True,
        host=settings.host, port=settings.port, loop="uvloop", http="httptools",
        proxy_headers=True, forwarded_allow_ips=settings.forwarded_allow_ips,
        log_level=settings.log_level, timeout_graceful_shutdown=10)
    StoppingServer(config).run()
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Migrate both databases, start both services, wait for Ctrl-C."""
    if cmd_migrate(argparse.Namespace(service="all")) != 0:
        return 1
    children = {s: subprocess.Popen([sys.executable, "-m", "jingkang.cli", "serve", s])
                for s in SERVICES}
    signal.signal(signal.SIGTERM, lambda *_: _stop(children))
    # Ctrl-C stops it even when started from a shell that ignores SIGINT for background jobs
    # (Python then leaves SIGINT ignored and no KeyboardInterrupt ever comes).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        if not _wait_healthy(children):
            _stop(children)
            return 1
        for service in SERVICES:
            settings = _settings(service)
            base = f"http://{settings.host}:{settings.port}"
            print(f"{service:9} {base}  API docs: {base}/docs")
        print("Press Ctrl-C to stop.", flush=True)
        while all(child.poll() is None for child in children.values()):
            time.sleep(0.5)
        print("a service stopped; stopping the other", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        _stop(children)


def _wait_healthy(children: dict[str, subprocess.Popen[bytes]], timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    pending = set(children)
    while pending and time.monotonic() < deadline:
        for service in list(pending):
            if children[service].poll() is not None:
                print(f"{service} exited during start-up", file=sys.stderr)
                return False
            settings = _settings(service)
            try:
                httpx.get(f"http://{settings.host}:{settings.port}/healthz", timeout=1)
                pending.discard(service)
            except httpx.HTTPError:
                pass
        time.sleep(0.2)
    return not pending


def _stop(children: dict[str, subprocess.Popen[bytes]]) -> None:
    for child in children.values():
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    for child in children.values():
        try:
            child.wait(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()


def cmd_token(args: argparse.Namespace) -> int:
    from jingkang.common.auth import mint_token

    settings = _settings("referral")
    print(mint_token(settings.jwt_secret.get_secret_value(), sub=args.sub or f"{args.role}-user",
                     role=args.role, org_id=args.org, region=args.region,
                     ttl_seconds=args.ttl or settings.jwt_ttl_seconds))
    return 0


def cmd_replay(args: argparse.Namespace) -> int:
    """Rebuild a service's projections from the events (the service must be stopped)."""
    if args.service == "referral":
        return _replay_referral()
    import asyncio

    from jingkang.registry.bootstrap import archive_consumer, event_types
    from jingkang.registry.adapters.rebuild import rebuild_all
    from jingkang_events import EventStore, connect

    settings = _settings(args.service)

    async def replay() -> int:
        db = await connect(settings.database_url)
        store = EventStore(db, event_types())
        consumer = archive_consumer(settings, db)
        started = time.monotonic()
        try:
            rebuilt = await rebuild_all(db, store, consumer)
        finally:
            await consumer.stop()
            await db.close()
        seconds = time.monotonic() - started
        print(f"registry: replayed {rebuilt.registry_events} registry events and "
              f"{rebuilt.referral_events} referral events in {seconds:.1f} s")
        return 0

    return asyncio.run(replay())


def cmd_verify(args: argparse.Namespace) -> int:
    """Recompute every stream's hash chain in each database, check every event's seal and every
    stored checkpoint (and, with --against, an exported one), and check each projection
    against the fold of its events; exit 1 on any failure."""
    import asyncio

    from jingkang_events import EventStore, EventTypes, connect

    against = _read_checkpoint(args.against) if args.against else None

    async def verify(service: str) -> bool:
        settings = _settings(service)
        db = await connect(settings.database_url)
        store = EventStore(db, EventTypes())  # verification reads stored bytes, no types
        try:
            async with db.connection() as conn:
                streams = [r[0] for r in await conn.fetch(
                    "SELECT DISTINCT stream_id FROM events ORDER BY stream_id")]
            checked, broken = 0, []
            for stream_id in streams:
                result = await store.verify_stream(stream_id)
                checked += result.events_checked
                if not result.valid:
                    broken.append(result)
            print(f"{service}: {len(streams)} streams, {checked} events checked, "
                  f"{len(broken)} broken")
            for result in broken:
                print(f"  {result.stream_id}: event {result.first_bad_event_id} (version "
                      f"{result.first_bad_version}, position {result.first_bad_position}): "
                      f"{result.reason}")
            ledger_ok = await _verify_ledger(service, db, settings, args.strict,
                                             against if _is_for(against, service) else None,
                                             args.public_key)
        finally:
            await db.close()
        return not broken and ledger_ok

    services = SERVICES if args.service == "all" else (args.service,)
    if against is not None and against.origin not in services:
        raise ValueError(f"the checkpoint is of the {against.origin} store; verify "
                         f"{against.origin} or all")
    results = [asyncio.run(verify(service)) for service in services]
    if args.projections:
        results += [_check_projections(service) for service in services]
    return 0 if all(results) else 1


def _check_projections(service: str) -> bool:
    """Print a line per projection: rows compared with the fold of the events, first
    difference."""
    module = __import__(f"jingkang.{service}.bootstrap", fromlist=["check_projections"])
    started = time.monotonic()
    reports = asyncio.run(module.check_projections(_settings(service)))
    for report in reports:
        print(report.line())
    print(f"{service}: projections checked in {time.monotonic() - started:.1f} s")
    return all(report.ok for report in reports)


def _read_checkpoint(path: str):  # noqa: ANN202 - jingkang_events.Checkpoint
    from jingkang_events import Checkpoint

    try:
        body = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise ValueError(f"--against {path}: {exc}") from None
    if not isinstance(body, dict):
        raise ValueError(f"--against {path}: not a checkpoint (a JSON object)")
    return Checkpoint.from_json(body)


def _is_for(checkpoint: Any, service: str) -> bool:
    return checkpoint is not None and checkpoint.origin == service


async def _verify_ledger(service: str, db: Any, settings: Any, strict: bool, against: Any,
                         public_key: str | None) -> bool:
    """Seals (with the configured ledger key), stored checkpoints, and an exported checkpoint:
    prints a line for each and names every failure; False if any."""
    from jingkang_events import (
        Ledger, PublicKey, check_against, check_checkpoints, check_seals,
    )

    key = settings.ledger()
    # An auditor may name the public key it trusts; by default it is the configured key's.
    trusted = PublicKey.from_base64(public_key) if public_key else key.public
    ledger = Ledger(db, service, key)
    seals = await check_seals(ledger, key)
    print(f"{service}: seals: {seals.sealed} of {seals.events} events sealed under key "
          f"{key.key_id}, {seals.legacy} unsealed from before seals, "
          f"{len(seals.findings)} bad")
    for finding in seals.findings:
        print(f"  {finding}")
    ok = not seals.findings
    if strict and seals.legacy:
        print(f"  {seals.legacy} events are unsealed (--strict); `jingkang seal-legacy "
              f"{service}` seals those stored before seals existed")
        ok = False
    checkpoints = await check_checkpoints(ledger, trusted)
    latest = (f", latest at tree size {checkpoints.latest.tree_size}"
              if checkpoints.latest else "")
    print(f"{service}: checkpoints: {checkpoints.checkpoints} stored{latest}, "
          f"{len(checkpoints.findings)} bad")
    for finding in checkpoints.findings:
        print(f"  {finding}")
    ok = ok and not checkpoints.findings
    if against is not None:
        findings, holds = await check_against(ledger, against, trusted)
        if findings:
            print(f"{service}: against the checkpoint at tree size {against.tree_size}: "
                  "the store no longer holds that history")
            for finding in findings:
                print(f"  {finding}")
            ok = False
        else:
            print(f"{service}: against the checkpoint at tree size {against.tree_size}: {holds}")
    return ok


def cmd_checkpoint(args: argparse.Namespace) -> int:
    """Sign and store a checkpoint of each store now (the services also make them on a timer)."""
    import asyncio

    from jingkang_events import Ledger, connect

    async def checkpoint(service: str) -> None:
        settings = _settings(service)
        db = await connect(settings.database_url)
        try:
            made = await Ledger(db, service, settings.ledger()).checkpoint()
            latest = made or await Ledger(db, service).latest()
        finally:
            await db.close()
        if latest is None:
            print(f"{service}: no events, no checkpoint")
        elif made is None:
            print(f"{service}: no new events since the checkpoint at tree size "
                  f"{latest.tree_size}")
        else:
            print(f"{service}: checkpoint at tree size {made.tree_size}, root {made.root_hash}, "
                  f"key {made.key_id}")
        if args.out and latest is not None:
            path = Path(args.out.replace("{service}", service))
            path.write_text(json.dumps(latest.to_json(), indent=2) + "\n", encoding="utf-8")
            print(f"{service}: wrote {path}")

    for service in SERVICES if args.service == "all" else (args.service,):
        asyncio.run(checkpoint(service))
    return 0


def cmd_seal_legacy(args: argparse.Namespace) -> int:
    """Seal the events stored before seals existed (once, after migrating, with the key)."""
    import asyncio

    from jingkang_events import Ledger, connect, seal_legacy

    async def seal(service: str) -> int:
        settings = _settings(service)
        db = await connect(settings.database_url)
        try:
            key = settings.ledger()
            return await seal_legacy(Ledger(db, service, key), key)
        finally:
            await db.close()

    for service in SERVICES if args.service == "all" else (args.service,):
        print(f"{service}: sealed {asyncio.run(seal(service))} events stored before seals")
    return 0


def cmd_purge_access_log(args: argparse.Namespace) -> int:
    """Remove access-log entries older than the retention (never younger than 180 days)."""
    import asyncio

    from jingkang.common.access_log import AccessLog
    from jingkang_events import connect

    async def purge(service: str) -> int:
        settings = _settings(service)
        db = await connect(settings.database_url)
        try:
            return await AccessLog(db).purge(settings.access_log_retention_days)
        finally:
            await db.close()

    for service in SERVICES if args.service == "all" else (args.service,):
        removed = asyncio.run(purge(service))
        print(f"{service}: removed {removed} access-log entries older than the retention")
    return 0


def _replay_referral() -> int:
    import asyncio

    from jingkang.referral.application.rebuild import rebuild_all
    from jingkang.referral.bootstrap import build_runtime

    async def replay() -> int:
        runtime = await build_runtime(_settings("referral"))  # not started: no consumer runs
        started = time.monotonic()
        try:
            rebuilt = await rebuild_all(runtime.db, runtime.cases.repo, runtime.consumers[0])
        finally:
            await runtime.consumers[0].stop()
            await runtime.db.close()
        print(f"referral: rebuilt {rebuilt.cases} cases and the directory from "
              f"{rebuilt.registry_events} registry events in {time.monotonic() - started:.1f} s")
        return 0

    return asyncio.run(replay())


def openapi_document(service: str) -> dict:
    module = __import__(f"jingkang.{service}.entrypoints.app", fromlist=["create_app"])
    return module.create_app().openapi()


def openapi_text(service: str) -> str:
    return json.dumps(openapi_document(service), indent=2, ensure_ascii=False) + "\n"


def cmd_openapi(args: argparse.Namespace) -> int:
    stale = []
    for service in SERVICES:
        path = OPENAPI_DIR / f"{service}.json"
        text = openapi_text(service)
        if args.check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(str(path.name))
        else:
            path.parent.mkdir(exist_ok=True)
            path.write_text(text, encoding="utf-8")
            print(f"wrote openapi/{path.name}")
    if stale:
        print(f"out of date: {', '.join(stale)}; run `jingkang openapi`", file=sys.stderr)
        return 1
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from jingkang.demo import main as load_demo

    settings = _settings("referral")
    return load_demo(referral_url=args.referral_url or settings.referral_url,
                     registry_url=args.registry_url or settings.registry_url)


def _redact(url: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(url).render_as_string(hide_password=True)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="jingkang", description=__doc__)
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
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except ValueError as exc:
        print(f"jingkang: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
