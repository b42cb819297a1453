"""Failed logins per phone number: a few are forgiven, then the phone is locked for a while
that doubles with every lock (1, 2, 4 … minutes, at most an hour)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FAILURES_BEFORE_LOCK = 5
FIRST_LOCK = timedelta(minutes=1)
LONGEST_LOCK = timedelta(hours=1)


@dataclass(frozen=True)
class LoginAttempts:
    failures: int = 0
    locks: int = 0
    locked_until: datetime | None = None

    def locked_for(self, now: datetime) -> timedelta | None:
        if self.locked_until is None or self.locked_until <= now:
            return None
        return self.locked_until - now

    def after_failure(self, now: datetime) -> LoginAttempts:
        failures = self.failures + 1
        if failures < FAILURES_BEFORE_LOCK:
            return LoginAttempts(failures, self.locks, self.locked_until)
        lock = min(FIRST_LOCK * 2**self.locks, LONGEST_LOCK)
        return LoginAttempts(0, self.locks + 1, now + lock)
