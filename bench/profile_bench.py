"""Where the referral service's CPU goes under wrk load: py-spy samples of the server process.

The service is started as bench/http_bench.py starts it (``jingkang serve referral`` on a
throwaway database, directory seeded, rate limit off), warmed up with ``--script``'s load
(bench/wrk/upload.lua by default, or mix.lua), then driven by the same load while
``py-spy record --format raw`` samples it for ``--duration`` seconds (``--rate`` samples a
second; py-spy pauses the process for each sample, so the rate under the profiler is printed
next to the rate without it).  py-spy records only samples where the process is on a CPU:
the shares are shares of the server's CPU time, not of a request's wall time.

Printed:

* the server's share of a core while sampled, and requests/s with and without the profiler;
* **by component**: each sample goes to the innermost frame whose file belongs to a component
  (COMPONENTS below: e.g. a ``json.dumps`` called by pydantic counts as JSON; C code counts
  for the Python frame that called it, so SHA-256 counts for the hash chain's function);
* **inclusive**: the share of samples with each of the project's functions on the stack (the
  steps of a command: token check, handler, append, answer...), the top ``--top``;
* the innermost Python frames (function and line) that took the most samples.

Reproduce::

    .venv/bin/pip install py-spy                      # into the venv; needs ptrace (root or
                                                      # kernel.yama.ptrace_scope=0)
    .venv/bin/python bench/profile_bench.py           # upload load, 20 s of samples
    .venv/bin/python bench/profile_bench.py --script mix --output mix.txt
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from pgserver import PgServer

from jkhttp.cpu import CLOCK_TICKS
from jkhttp.fixture import Fixture
from jkhttp.machine import code_version, load_average
from jkhttp.servers import progress, start_service
from jkhttp.wrk import Load, run_wrk

ADMIN_URL_ENV = "JINGKANG_BENCH_PG_URL"
DEFAULT_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"

# (component, file patterns), matched in this order against each frame's file.
COMPONENTS: list[tuple[str, tuple[str, ...]]] = [
    ("JWT token check (PyJWT, auth.py)", ("jwt/", "common/web/auth.py")),
    ("crypto: AES-GCM seal/wrap, HMAC, hash chain, seals",
     ("cryptography/", "hmac.py", "hashlib.py", "adapters/crypto.py", "adapters/protection.py",
      "adapters/person_keys.py", "events/_chain.py", "events/_ledger_key.py")),
    ("asyncpg (protocol, codecs, pool)", ("asyncpg/",)),
    ("JSON (json, msgspec)", ("json/", "msgspec/")),
    ("pydantic (validation, serialisation)", ("pydantic/", "pydantic_core/")),
    ("middlewares (ASGI layers)",
     ("starlette/middleware/", "fastapi/telemetry/", "fastapi/_body_limit.py",
      "fastapi/middleware/", "common/web/hardening.py", "common/web/ops.py",
      "common/web/access_audit.py", "uvicorn/middleware/", "starlette/_exception_handler.py",
      "prometheus_client/")),
    ("FastAPI/Starlette routing, dependencies, responses", ("fastapi/", "starlette/")),
    ("uvicorn HTTP protocol", ("uvicorn/", "httptools/")),
    ("logging", ("logging/",)),
    ("event loop (uvloop in C: sockets, callbacks), asyncio",
     ("asyncio/", "uvloop/", "contextvars", "contextlib.py")),
    ("referral domain (decide, evolve, lifecycle)",
     ("referral/domain/", "common/domain/", "transitions/")),
    ("application (handlers, command pipeline)",
     ("referral/application/", "common/application/")),
    ("adapters (repository, store, answers, SQL)",
     ("referral/adapters/", "common/adapters/", "events/", "sqlalchemy/")),
    ("entrypoints, web (routes, deps, schemas)",
     ("referral/entrypoints/", "common/web/", "services/")),
]
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
PROJECT = ("services/", "libs/events/", "jingkang_events/", "jingkang/")
NOT_SHOWN = ("services/cli/",)  # the process's own start-up frames, under every sample


def component_of(file: str) -> str | None:
    for name, patterns in COMPONENTS:
        if any(p in file for p in patterns):
            return name
    return None


def user_system(pid: int) -> tuple[float, float]:
    """CPU seconds the process has used in user and in kernel mode."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) / CLOCK_TICKS, int(fields[12]) / CLOCK_TICKS


@dataclass
class Profile:
    samples: int
    by_component: Counter[str]
    inclusive: Counter[str]
    leaves: Counter[str]  # innermost Python frame (function, file:line)


def parse_raw(text: str) -> Profile:
    """py-spy's raw (collapsed) output: ``frame;frame;... count`` per line, root first."""
    by_component: Counter[str] = Counter()
    inclusive: Counter[str] = Counter()
    leaves: Counter[str] = Counter()
    samples = 0
    for line in text.splitlines():
        stack, _, count_text = line.rpartition(" ")
        if not stack or not count_text.isdigit():
            continue
        count = int(count_text)
        samples += count
        leaves[stack.rsplit(";", 1)[-1]] += count
        frames = []
        for frame in stack.split(";"):
            match = _FRAME.match(frame)
            frames.append((match["function"], match["file"]) if match else (frame, ""))
        leaf = next((c for _, file in reversed(frames) if (c := component_of(file))), "other")
        by_component[leaf] += count
        seen = {f"{function} ({file})" for function, file in frames
                if any(p in file for p in PROJECT) and not any(p in file for p in NOT_SHOWN)}
        for name in seen:
            inclusive[name] += count
    return Profile(samples, by_component, inclusive, leaves)


def print_profile(profile: Profile, top: int) -> None:
    total = max(profile.samples, 1)
    print(f"By component ({profile.samples:,} samples on CPU; each to the innermost frame that "
          "belongs to a component)")
    for name, count in profile.by_component.most_common():
        print(f"  {count / total:>6.1%}  {name}")
    print()
    print(f"Inclusive: share of samples with the function on the stack (the project's code, "
          f"top {top})")
    for name, count in profile.inclusive.most_common(top):
        print(f"  {count / total:>6.1%}  {name}")
    print()
    print(f"Innermost Python frame (C code counts for the line that called it; top {top // 2})")
    for name, count in profile.leaves.most_common(top // 2):
        print(f"  {count / total:>6.1%}  {name}")
    print()


async def main(args: argparse.Namespace) -> None:
    spy = shutil.which("py-spy", path=f"{Path(sys.executable).parent}{os.pathsep}"
                                      f"{os.environ.get('PATH', '')}")
    if spy is None:
        raise SystemExit("py-spy not found: .venv/bin/pip install py-spy")
    pg = PgServer(os.environ.get(ADMIN_URL_ENV, DEFAULT_ADMIN_URL), "jk_prof")
    with tempfile.TemporaryDirectory(prefix="jk-profile-") as tmp:
        workdir = Path(tmp)
        service = None
        try:
            service = await start_service(pg, workdir)
            config = Fixture().write_lua_config(workdir / "wrk-config.lua")
            load = Load(args.script, args.connections, args.duration, config)
            progress(f"warm-up and a run without the profiler ({args.duration} s)")
            await run_wrk(Load(args.script, args.connections, 5, config), service, 0, workdir, "w")
            plain = await run_wrk(load, service, 1_000_000, workdir, "plain")
            raw = Path(args.output) if args.output else workdir / "profile.txt"
            progress(f"profiling {service.server.pid} for {args.duration} s")
            recorder = subprocess.Popen(
                [spy, "record", "--pid", str(service.server.pid), "--duration",
                 str(args.duration), "--rate", str(args.rate), "--nonblocking", "--format",
                 "raw", "-o",
                 str(raw)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            user, system = user_system(service.server.pid)
            profiled = await run_wrk(Load(args.script, args.connections, args.duration + 2,
                                          config), service, 2_000_000, workdir, "profiled")
            _, errors = await asyncio.to_thread(recorder.communicate)
            user_after, system_after = user_system(service.server.pid)
            user, system = user_after - user, system_after - system
            if recorder.returncode != 0 or not raw.exists():
                raise RuntimeError(f"py-spy failed: {errors.decode(errors='replace')[-800:]}")
            print(f"Profile of the referral service under wrk -t1 -c{args.connections} "
                  f"({args.script}.lua), {args.duration} s at {args.rate} samples/s; "
                  f"{code_version()}; {load_average()}")
            print(f"requests/s: {plain.requests_per_s:,.0f} without the profiler, "
                  f"{profiled.requests_per_s:,.0f} with it; server CPU "
                  f"{(user + system) / profiled.wall:.0%} of a core while profiled "
                  f"({user / (user + system):.0%} user, {system / (user + system):.0%} kernel: "
                  f"socket calls); errors "
                  f"{plain.error_count + profiled.error_count}")
            print(f"raw samples: {raw}" + ("" if args.output else " (deleted at exit)"))
            print()
            print_profile(parse_raw(raw.read_text(errors="replace")), args.top)
        finally:
            if service is not None:
                await service.server.stop()
            await pg.drop_all()


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--script", choices=("upload", "mix"), default="upload")
    parser.add_argument("--duration", type=int, default=20, help="seconds sampled (20)")
    parser.add_argument("--rate", type=int, default=100, help="samples a second (100)")
    parser.add_argument("--connections", type=int, default=32, help="wrk connections (32)")
    parser.add_argument("--top", type=int, default=30, help="inclusive functions shown (30)")
    parser.add_argument("--output", help="keep py-spy's raw samples in this file")
    return parser.parse_args(argv)


if __name__ == "__main__":
    asyncio.run(main(parse_args()))
