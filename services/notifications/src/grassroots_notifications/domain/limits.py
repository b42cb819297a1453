"""The per-person rate limit: at most `count` notices in any `window`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True)
class RateLimit:
    count: int
    window: timedelta

    def since(self, at: datetime) -> datetime:
        """The start of the window that ends at `at`."""
        return at - self.window

    def admits(self, recent: int) -> bool:
        """Whether one more notice fits after `recent` in the window."""
        return recent < self.count
