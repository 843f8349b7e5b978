"""Proving nothing was altered: verify chains, seals, checkpoints and projections; make
checkpoints; seal events stored before seals existed."""

from __future__ import annotations

import argparse
import asyncio
import json
import time
from pathlib import Path
from typing import Any

from .config import SERVICES, settings_of
from .progress import Progress


def cmd_verify(args: argparse.Namespace) -> int:
    """Recompute every stream's hash chain in each database, check every event's seal and every
    stored checkpoint (and, with --against, an exported one), and check each projection
    against the fold of its events; exit 1 on any failure."""
    from jingkang_events import EventStore, EventTypes, connect

    against = _read_checkpoint(args.against) if args.against else None

    async def verify(service: str) -> bool:
        settings = settings_of(service)
        db = await connect(settings.database_url)
        store = EventStore(db, EventTypes())  # verification reads stored bytes, no types
        try:
            streams = await store.stream_ids()
            checked, broken = 0, []
            progress = Progress(f"verify {service}", len(streams), "streams")
            for stream_id in streams:
                result = await store.verify_stream(stream_id)
                checked += result.events_checked
                progress.advance(events=result.events_checked)
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
    reports = asyncio.run(module.check_projections(settings_of(service)))
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
    from jingkang_events import Ledger, connect

    async def checkpoint(service: str) -> None:
        settings = settings_of(service)
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
    from jingkang_events import Ledger, connect, seal_legacy

    async def seal(service: str) -> int:
        settings = settings_of(service)
        db = await connect(settings.database_url)
        try:
            key = settings.ledger()
            return await seal_legacy(Ledger(db, service, key), key)
        finally:
            await db.close()

    for service in SERVICES if args.service == "all" else (args.service,):
        print(f"{service}: sealed {asyncio.run(seal(service))} events stored before seals")
    return 0
