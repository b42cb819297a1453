"""An outbound delivery of a notice on one channel: a durable job the worker sends, retrying
with exponential back-off and ending dead (with the last error kept) after too many attempts."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from grassroots_kit.i18n import Locale

from grassroots_notifications.domain.notices import Channel

MAX_BACKOFF = timedelta(hours=1)


class DeliveryState(StrEnum):
    PENDING = "PENDING"
    SENT = "SENT"
    DEAD = "DEAD"


@dataclass(frozen=True)
class Delivery:
    id: str
    notice_id: str
    recipient_id: str
    channel: Channel
    address: str
    locale: Locale
    created_at: datetime
    next_attempt_at: datetime
    state: DeliveryState = DeliveryState.PENDING
    attempts: int = 0
    last_error: str | None = None
    sent_at: datetime | None = None


def delivery_id(notice_id: str, channel: Channel) -> str:
    return f"{notice_id}:{channel.value.lower()}"


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    first_backoff: timedelta

    def backoff(self, attempts: int) -> timedelta:
        """The wait after the `attempts`-th failure: first_backoff, doubled each time."""
        wait: timedelta = self.first_backoff * (2 ** max(attempts - 1, 0))
        return min(wait, MAX_BACKOFF)

    def failed(self, delivery: Delivery, error: str, at: datetime) -> Delivery:
        attempts = delivery.attempts + 1
        if attempts >= self.max_attempts:
            return replace(delivery, attempts=attempts, last_error=error, state=DeliveryState.DEAD)
        return replace(
            delivery,
            attempts=attempts,
            last_error=error,
            next_attempt_at=at + self.backoff(attempts),
        )


def sent(delivery: Delivery, at: datetime) -> Delivery:
    return replace(delivery, attempts=delivery.attempts + 1, state=DeliveryState.SENT, sent_at=at)
