"""Ctrl-C on `jingkang run` (the terminal signals the whole process group) stops both services
gracefully and quietly: each shuts down once, completely, with no warning and no traceback."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from .support import service_env, wait_until_healthy


def test_ctrl_c_stops_every_service_gracefully_without_noise(tmp_path: Path) -> None:
    env = service_env(tmp_path, JINGKANG_LOG_LEVEL="info")
    log_path = tmp_path / "run.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen([sys.executable, "-m", "jingkang.cli", "run"], env=env,
                                   stdout=log_file, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # a terminal's foreground group
        try:
            for base in (env["JINGKANG_REFERRAL_URL"], env["JINGKANG_REGISTRY_URL"]):
                wait_until_healthy(base, process)
            os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in the terminal sends
            assert process.wait(timeout=60) == 0
        finally:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
    log = log_path.read_text()
    assert log.count("Application shutdown complete") == 3, log  # referral, registry, console
    for noise in ("WARNING", "ERROR", "Traceback", "KeyboardInterrupt"):
        assert noise not in log, log
