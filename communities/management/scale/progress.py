"""Progress lines for long seeding steps: done/total, rate and estimated time left."""

from __future__ import annotations

import time
from collections.abc import Callable


class Progress:
    """Writes `label: done/total (pct) rate/s, ETA` at most every `every` seconds."""

    def __init__(
        self,
        label: str,
        total: int,
        write: Callable[[str], None],
        every: float = 5.0,
    ) -> None:
        self.label = label
        self.total = max(total, 0)
        self.write = write
        self.every = every
        self.done = 0
        self.started = time.monotonic()
        self._last = 0.0

    def advance(self, count: int) -> None:
        self.done += count
        now = time.monotonic()
        if now - self._last >= self.every or self.done >= self.total:
            self._last = now
            self.write(self.line(now))

    def line(self, now: float | None = None) -> str:
        now = time.monotonic() if now is None else now
        elapsed = max(now - self.started, 1e-6)
        rate = self.done / elapsed
        left = (self.total - self.done) / rate if rate > 0 else 0.0
        pct = 100.0 * self.done / self.total if self.total else 100.0
        return (
            f"  {self.label}: {self.done:,}/{self.total:,} ({pct:.0f}%) "
            f"{rate:,.0f}/s, {elapsed:.0f}s elapsed, ETA {left:.0f}s"
        )
