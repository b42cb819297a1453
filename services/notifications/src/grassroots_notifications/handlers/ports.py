"""What the notifications use cases need of storage and of the outbound channels, in the
domain's words.

A repository reached through `NotificationsTx` is bound to that transaction, so no method takes a
session; the MongoDB adapters (grassroots_notifications.adapters) and the in-memory fakes
(tests/notifications/fakes.py) both satisfy these protocols and pass the same contract tests.
Handlers receive a `NotificationsPorts` (handlers/composition.py builds the production one).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.cursors import Page
from grassroots_kit.live.stream import LiveFeed
from grassroots_kit.unit_of_work import Transaction, UnitOfWork

from grassroots_notifications.domain.deliveries import Delivery, RetryPolicy
from grassroots_notifications.domain.limits import RateLimit
from grassroots_notifications.domain.notices import Channel, Notice, Suppressed
from grassroots_notifications.domain.outbound import DeliveryFailed as DeliveryFailed
from grassroots_notifications.domain.outbound import Outbound as Outbound
from grassroots_notifications.domain.preferences import Preferences
from grassroots_notifications.domain.recipients import CaseFacts, Holder


class NoticeRepository(Protocol):
    async def exists(self, notice_id: str) -> bool: ...

    async def add(self, notice: Notice) -> None: ...

    async def get_many(self, notice_ids: Sequence[str]) -> dict[str, Notice]: ...

    async def count_since(self, recipient_id: str, since: datetime) -> int:
        """The recipient's notices created at or after `since`."""
        ...

    async def page(
        self, recipient_id: str, unread_only: bool, first: int, after: Sequence[Any] | None
    ) -> Page[Notice]:
        """The recipient's notices, newest first (created, then id, both descending); `after`
        is the key (`notice_key`) of the last one seen."""
        ...

    async def unread_count(self, recipient_id: str) -> int: ...

    async def mark_read(
        self, recipient_id: str, notice_ids: Sequence[str] | None, at: datetime
    ) -> int:
        """Mark the recipient's notices among `notice_ids` (None: all of theirs) read; returns
        how many were unread. Another person's ids are never touched."""
        ...


class SuppressionRepository(Protocol):
    async def add(self, record: Suppressed) -> None: ...

    async def count(self, recipient_id: str) -> int: ...


class DeliveryRepository(Protocol):
    async def add(self, delivery: Delivery) -> None: ...

    async def get(self, delivery_id: str) -> Delivery | None: ...

    async def claim_due(self, at: datetime, lease: timedelta, limit: int) -> list[Delivery]:
        """Up to `limit` pending deliveries due by `at` that no one holds, each now held until
        `at + lease` (a worker that dies lets them go again)."""
        ...

    async def save(self, delivery: Delivery) -> None:
        """Store the delivery's new state and let its lease go."""
        ...

    async def for_notice(self, notice_id: str) -> list[Delivery]: ...


class PreferenceRepository(Protocol):
    async def get(self, person_id: str) -> Preferences | None: ...

    async def save(self, prefs: Preferences) -> None: ...


class Directory(Protocol):
    """What the service keeps of cases (from their events) and of role holders (from people's)."""

    async def case(self, case_id: str) -> CaseFacts | None: ...

    async def save_case(self, facts: CaseFacts) -> None:
        """Store number, path, reporter and assignee (followers are kept by their own events)."""
        ...

    async def set_follower(self, case_id: str, person_id: str, following: bool) -> None:
        """Add the person to the case's followers, or take them off."""
        ...

    async def holders(self, path: Sequence[str], roles: frozenset[str]) -> list[Holder]:
        """Active holders of `roles` at any unit of `path`."""
        ...


class Sender(Protocol):
    async def send(self, message: Outbound) -> None:
        """Deliver or raise (DeliveryFailed or any error: the worker retries)."""
        ...


@dataclass
class NotificationsTx(Transaction):
    notices: NoticeRepository
    suppressions: SuppressionRepository
    deliveries: DeliveryRepository
    preferences: PreferenceRepository
    directory: Directory


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class NotificationsPorts:
    uow: UnitOfWork[NotificationsTx]
    notices: NoticeRepository
    deliveries: DeliveryRepository
    preferences: PreferenceRepository
    rate_limit: RateLimit
    retry: RetryPolicy
    senders: Mapping[Channel, Sender] = field(default_factory=dict)
    max_recipients: int = 200
    send_timeout: float = 10.0
    lease: timedelta = timedelta(minutes=2)
    batch: int = 50
    clock: Callable[[], datetime] = field(default=_now)
    business_zone: ZoneInfo = DEFAULT_ZONE
    # This replica's live feed (`myNotices`); None where nothing subscribes (tests, tools).
    live: LiveFeed | None = None

    @property
    def channels(self) -> frozenset[Channel]:
        """The outbound channels configured in this deployment."""
        return frozenset(self.senders)
