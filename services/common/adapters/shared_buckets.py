"""Rate-limit token buckets shared by the worker processes of one service on one host.

A fixed table in a memory-mapped file that every worker opens: each slot holds a client key's
digest, its tokens and when they were counted (``time.monotonic()``: CLOCK_MONOTONIC, one
clock for every process of the host).  A take holds an exclusive ``flock`` on the file for a
few microseconds; the kernel lets go of it if a worker dies holding it.

A key lives within ``PROBE`` slots of its home slot.  A new key takes the first free slot
there (never used, or idle long enough to be full again); with none free, the slot idle
longest: at worst that client starts again from a full bucket, as when the in-process table
of ``TokenBuckets`` drops one at its bound."""

from __future__ import annotations

import fcntl
import hashlib
import mmap
import os
import struct
from pathlib import Path

SLOT = struct.Struct("<16sdd")  # digest of the client key, tokens, monotonic time counted
PROBE = 16
CLOCK_RESTARTED = 1.0  # seconds a slot's time may be ahead of a reader's before it is stale
_NEVER_USED = bytes(16)


def _slots_for(max_clients: int) -> int:
    """A power of two at least twice ``max_clients``: the probe windows stay short."""
    return max(PROBE, 1 << (2 * max_clients - 1).bit_length())


class SharedTokenBuckets:
    """``TokenBuckets`` (services/common/web/rate_limit.py) with its table in ``path``."""

    def __init__(self, path: Path, *, per_second: float, burst: int, max_clients: int) -> None:
        self.rate, self.burst = per_second, burst
        self.refill_seconds = burst / per_second  # idle this long, a bucket is full: reusable
        self.slots = _slots_for(max_clients)
        size = self.slots * SLOT.size
        self._fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        with self._locked():
            if os.fstat(self._fd).st_size < size:  # the first worker to open it sizes it
                os.ftruncate(self._fd, size)
        self._map = mmap.mmap(self._fd, size)

    def _locked(self) -> _FileLock:
        return _FileLock(self._fd)

    def take(self, key: str, now: float) -> float:
        """0 when the request may go, else the seconds until it may."""
        digest = hashlib.blake2b(key.encode(), digest_size=16).digest()
        home = int.from_bytes(digest[:8], "little")
        with self._locked():
            offset, tokens, then = self._slot_of(digest, home, now)
            elapsed = now - then
            if elapsed < -CLOCK_RESTARTED:  # written before the host's clock started again
                tokens, elapsed = self.burst, 0.0
            # A little behind the slot: another worker read the clock after this one.
            tokens = min(self.burst, tokens + max(elapsed, 0.0) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            SLOT.pack_into(self._map, offset, digest, tokens - 1 if wait == 0 else tokens, now)
        return wait

    def _slot_of(self, digest: bytes, home: int, now: float) -> tuple[int, float, float]:
        """The offset of ``digest``'s slot with its tokens and time; a full bucket in a slot
        to take over when the key has none."""
        free = idlest = None
        idlest_since = float("inf")
        for step in range(PROBE):
            offset = ((home + step) & (self.slots - 1)) * SLOT.size
            held, tokens, then = SLOT.unpack_from(self._map, offset)
            if held == digest:
                return offset, tokens, then
            if free is None and (held == _NEVER_USED or now - then >= self.refill_seconds):
                free = offset
            if then < idlest_since:
                idlest, idlest_since = offset, then
        chosen = free if free is not None else idlest
        assert chosen is not None  # PROBE ≥ 1
        return chosen, float(self.burst), now

    def close(self) -> None:
        self._map.close()
        os.close(self._fd)


class _FileLock:
    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_EX)

    def __exit__(self, *_: object) -> None:
        fcntl.flock(self.fd, fcntl.LOCK_UN)
