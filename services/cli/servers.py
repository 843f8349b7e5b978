"""How ``jingkang serve`` runs a service: one uvicorn server, or several worker processes
behind one listening socket (uvicorn's supervisor, which restarts a worker that dies).

Workers share, through one folder on this host, the rate-limit buckets
(services/common/adapters/shared_buckets.py) and the request metrics (prometheus_client's
multiprocess mode, summed at each scrape); everything else they hold is either in the database
or a guess the database checks (docs/operations.md, Worker processes)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import uvicorn
from uvicorn.supervisors import multiprocess

from jingkang.common.runtime import end_long_polls


class StoppingServer(uvicorn.Server):
    """uvicorn's server, which on the stop signal also has held feed calls answer now."""

    def handle_exit(self, sig: int, frame: Any) -> None:
        with contextlib.suppress(RuntimeError):  # no loop yet: no call is held
            asyncio.get_running_loop().call_soon_threadsafe(end_long_polls)
        # Stopping: the peer, often stopped with this one (`jingkang run`), refusing the
        # consumers' last polls is expected, not worth a warning (errors still show).
        logging.getLogger("jingkang_events._consumer").setLevel(logging.ERROR)
        super().handle_exit(sig, frame)


class _Worker(multiprocess.Process):
    """A worker whose server, too, has held feed calls answer at once when told to stop."""

    @property
    def server(self) -> uvicorn.Server:
        if self._server is None:
            self._server = StoppingServer(config=self.config)
        return self._server


def _prepare(folder: Path) -> None:
    """Empty of the last run's files: its metrics would be added to this run's, and its
    buckets' times are from a clock that may have restarted since."""
    (folder / "rate-limit").unlink(missing_ok=True)
    metrics = folder / "metrics"
    shutil.rmtree(metrics, ignore_errors=True)
    metrics.mkdir(parents=True, mode=0o700)


def serve_workers(config: uvicorn.Config, service: str, shared_state_dir: Path | None) -> None:
    made = shared_state_dir is None
    folder = Path(tempfile.mkdtemp(prefix=f"jingkang-{service}-")) if made else shared_state_dir
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    _prepare(folder)
    # Read by each worker as it starts (spawned, it inherits this environment).
    os.environ["JINGKANG_SHARED_STATE_DIR"] = str(folder)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder / "metrics")
    # uvicorn's supervisor makes its workers from this module's ``Process``: ours, which is
    # what each spawned worker unpickles and runs.
    multiprocess.Process = _Worker  # type: ignore[misc]
    try:
        multiprocess.Multiprocess(config, sockets=[config.bind_socket()]).run()
    finally:
        if made:
            shutil.rmtree(folder, ignore_errors=True)
