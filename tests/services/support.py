"""Starting the real services as processes on loopback ports."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from typing import Any
from pathlib import Path

import httpx
import uvicorn

from jingkang.common.settings import DEVELOPMENT_SECRET
from jingkang.common.web.auth import mint_token

SECRET = "test-secret-for-the-loopback-services-0123456789"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def service_env(data_dir: Path, **overrides: str) -> dict[str, str]:
    referral, registry, console = free_port(), free_port(), free_port()
    env = {**os.environ, "JINGKANG_DATA_DIR": str(data_dir), "JINGKANG_JWT_SECRET": SECRET,
           "JINGKANG_REFERRAL_PORT": str(referral), "JINGKANG_REGISTRY_PORT": str(registry),
           "JINGKANG_CONSOLE_PORT": str(console),
           "JINGKANG_REFERRAL_URL": f"http://127.0.0.1:{referral}",
           "JINGKANG_REGISTRY_URL": f"http://127.0.0.1:{registry}",
           "JINGKANG_LOG_LEVEL": "warning"}
    env.update(overrides)
    return env


def token(role: str, *, org: str = "org-1", region: str = "130100",
          secret: str = SECRET) -> dict[str, str]:
    return {"Authorization": f"Bearer {mint_token(secret, sub='u1', role=role, org_id=org, region=region)}"}


def wait_until_healthy(base: str, process: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"service exited with {process.returncode}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                return
        time.sleep(0.1)
    raise TimeoutError(f"{base} did not become healthy")


@contextlib.contextmanager
def running(args: list[str], env: dict[str, str], bases: list[str]) -> Iterator[subprocess.Popen[bytes]]:
    process = subprocess.Popen([sys.executable, "-m", "jingkang.cli", *args], env=env,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for base in bases:
            wait_until_healthy(base, process)
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


@contextlib.asynccontextmanager
async def serving(app: Any, port: int) -> AsyncIterator[str]:
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                           timeout_graceful_shutdown=2))
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


__all__ = ["DEVELOPMENT_SECRET", "SECRET", "running", "service_env", "serving", "token"]
