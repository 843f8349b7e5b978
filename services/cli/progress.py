"""A line on stderr every few seconds for long work: how far, of how much, how fast — so a
verify of a million events is not minutes of silence.  Nothing is printed for work that ends
within the first interval."""

from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, label: str, total: int, unit: str, every: float = 2.0,
                 counted: str = "events") -> None:
        self.label, self.total, self.unit, self.every = label, total, unit, every
        self.counted = counted
        self.started = self.last = time.monotonic()
        self.done = self.events = 0

    def advance(self, items: int = 1, events: int = 0) -> None:
        self.done += items
        self.events += events
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            rate = self.events / max(now - self.started, 1e-6)
            print(f"{self.label}: {self.done:,} of {self.total:,} {self.unit}, "
                  f"{self.events:,} {self.counted}, {rate:,.0f} {self.counted}/s",
                  file=sys.stderr, flush=True)
