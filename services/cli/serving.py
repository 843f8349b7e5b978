"""Running the system: migrate, serve one service, run both, mint a local token."""

from __future__ import annotations

import argparse
import signal
import subprocess
import sys
import time

import httpx

from .config import SERVICES, redact, settings_of


def cmd_migrate(args: argparse.Namespace) -> int:
    from jingkang.common.adapters.migrations import upgrade_to_head

    for service in SERVICES if args.service == "all" else (args.service,):
        url = settings_of(service).database_url
        upgrade_to_head(service, url)
        print(f"{service}: database at head ({redact(url)})")
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from jingkang.common.web.logs import log_config

    from .servers import StoppingServer, serve_workers

    settings = settings_of(args.service)
    workers = args.workers or settings.workers
    if workers > 1 and settings.database_url.startswith("sqlite"):
        print("several workers need PostgreSQL: the embedded SQLite database takes one "
              "process (set JINGKANG_WORKERS=1, or a PostgreSQL database URL)", file=sys.stderr)
        return 2
    config = uvicorn.Config(
        f"jingkang.{args.service}.entrypoints.app:create_app", factory=True,
        host=settings.host, port=settings.port, loop="uvloop", http="httptools",
        proxy_headers=True, forwarded_allow_ips=settings.forwarded_allow_ips,
        log_level=settings.log_level, timeout_graceful_shutdown=10,
        log_config=log_config(args.service, settings.log_format, settings.log_level),
        workers=workers)
    try:
        if workers > 1:
            serve_workers(config, args.service, settings.shared_state_dir)
        else:
            StoppingServer(config).run()
    except KeyboardInterrupt:  # uvicorn re-raises the stop signal after a graceful shutdown
        pass
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    """Migrate both databases, start both services and the console, wait for Ctrl-C."""
    if cmd_migrate(argparse.Namespace(service="all")) != 0:
        return 1
    # Their own process group: Ctrl-C reaches this process only, which passes one SIGINT on
    # (a second one, from the terminal as well, made uvicorn skip its graceful shutdown).
    children = {s: subprocess.Popen([sys.executable, "-m", "jingkang.cli", "serve", s],
                                    process_group=0)
                for s in SERVICES}
    # The console (工作台) migrates its own accounts database as it starts.
    children["console"] = subprocess.Popen([sys.executable, "-m", "jingkang.console"],
                                           process_group=0)
    signal.signal(signal.SIGTERM, lambda *_: _stop(children))
    # Ctrl-C stops it even when started from a shell that ignores SIGINT for background jobs
    # (Python then leaves SIGINT ignored and no KeyboardInterrupt ever comes).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        if not _wait_healthy(children):
            _stop(children)
            return 1
        for service in SERVICES:
            settings = settings_of(service)
            base = f"http://{settings.host}:{settings.port}"
            print(f"{service:9} {base}  API docs: {base}/docs")
        console = _settings("console")
        print(f"{'console':9} http://{console.host}:{console.port}  工作台 (jingkang create-admin)")
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


def _settings(service: str):  # noqa: ANN202 - each service has its own Settings class
    if service == "console":
        from jingkang.console.config import Settings
        return Settings()
    return settings_of(service)


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
    from jingkang.common.web.auth import mint_token

    settings = settings_of("referral")
    print(mint_token(settings.jwt_secret.get_secret_value(), sub=args.sub or f"{args.role}-user",
                     role=args.role, org_id=args.org, region=args.region,
                     ttl_seconds=args.ttl or settings.jwt_ttl_seconds))
    return 0
