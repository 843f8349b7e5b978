"""The rate-limit buckets the worker processes of one service share through a file: the same
answers as the in-process ``TokenBuckets``, one budget across processes, a bounded table."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from jingkang.common.adapters.shared_buckets import PROBE, SharedTokenBuckets
from jingkang.common.web.rate_limit import TokenBuckets


def _buckets(path: Path, **limits: float) -> SharedTokenBuckets:
    settings = {"per_second": 2, "burst": 4, "max_clients": 100, **limits}
    return SharedTokenBuckets(path, **settings)  # type: ignore[arg-type]


def test_they_answer_as_the_in_process_buckets_do(tmp_path: Path) -> None:
    shared = _buckets(tmp_path / "buckets")
    local = TokenBuckets(per_second=2, burst=4, max_clients=100)
    moments = [0.0, 0.0, 0.0, 0.0, 0.0, 0.1, 0.5, 0.5, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0]
    for key in ("a", "b"):
        assert [shared.take(key, t) for t in moments] == [local.take(key, t) for t in moments]
    assert shared.take("a", 2.5) > 0  # a moment a little before its last mints no tokens


def test_buckets_written_before_the_clock_restarted_start_full(tmp_path: Path) -> None:
    """CLOCK_MONOTONIC starts again at boot: a bucket emptied at a time far ahead of now (a
    file kept from before) must not shut its client out until the clock catches up."""
    buckets = _buckets(tmp_path / "buckets")
    for _ in range(5):
        buckets.take("client", 1_000_000.0)
    assert buckets.take("client", 1_000_000.0) > 0
    assert buckets.take("client", 5.0) == 0


def test_two_openings_of_the_file_share_one_budget(tmp_path: Path) -> None:
    first, second = _buckets(tmp_path / "buckets"), _buckets(tmp_path / "buckets")
    answers = [(first if n % 2 else second).take("client", 0.0) for n in range(6)]
    assert answers[:4] == [0, 0, 0, 0] and all(wait > 0 for wait in answers[4:])
    assert first.take("someone-else", 0.0) == 0


def _take_many(path: str, count: int, results: multiprocessing.Queue) -> None:
    buckets = SharedTokenBuckets(Path(path), per_second=0.001, burst=50, max_clients=100)
    results.put(sum(1 for _ in range(count) if buckets.take("client", 1.0) == 0))


def test_worker_processes_taking_at_once_never_exceed_the_burst(tmp_path: Path) -> None:
    context = multiprocessing.get_context("spawn")  # as uvicorn starts its workers
    results = context.Queue()
    workers = [context.Process(target=_take_many, args=(str(tmp_path / "b"), 400, results))
               for _ in range(3)]
    for worker in workers:
        worker.start()
    granted = [results.get(timeout=60) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert sum(granted) == 50  # 1,200 takes at once: exactly the burst, under the file's lock


def test_the_table_is_bounded_and_idle_slots_are_taken_over(tmp_path: Path) -> None:
    buckets = _buckets(tmp_path / "buckets", max_clients=8)
    assert buckets.slots == PROBE  # twice the clients, rounded up to a power of two, ≥ PROBE
    for n in range(1_000):  # far more clients than slots: each still gets an answer
        assert buckets.take(f"client-{n}", 0.0) == 0
    assert (tmp_path / "buckets").stat().st_size == PROBE * 32
    for _ in range(4):
        buckets.take("busy", 0.0)
    assert buckets.take("busy", 0.0) > 0  # its slot held its count among all the others
    later = buckets.refill_seconds  # everyone idle long enough to be full again
    assert [buckets.take(f"new-{n}", later) for n in range(PROBE)] == [0] * PROBE
