"""In-memory stores for the notifications handlers' fast tests: they pass the same contract tests
as the MongoDB adapters (tests/notifications/contracts.py) and run under `InMemoryUnitOfWork`,
which undoes every change of a failed run, as a rolled-back transaction would."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.unit_of_work import InMemoryUnitOfWork
from grassroots_notifications.domain.deliveries import Delivery, DeliveryState, RetryPolicy
from grassroots_notifications.domain.limits import RateLimit
from grassroots_notifications.domain.notices import Channel, Notice, Suppressed
from grassroots_notifications.domain.outbound import DeliveryFailed, Outbound
from grassroots_notifications.domain.preferences import Preferences
from grassroots_notifications.domain.recipients import CaseFacts, Holder
from grassroots_notifications.handlers.ports import NotificationsPorts, NotificationsTx, Sender


@dataclass
class State:
    notices: dict[str, Notice] = field(default_factory=dict)
    suppressed: dict[str, Suppressed] = field(default_factory=dict)
    deliveries: dict[str, Delivery] = field(default_factory=dict)
    leases: dict[str, datetime] = field(default_factory=dict)
    preferences: dict[str, Preferences] = field(default_factory=dict)
    cases: dict[str, CaseFacts] = field(default_factory=dict)
    holders: list[Holder] = field(default_factory=list)


class FakeNotices:
    def __init__(self, state: State) -> None:
        self._state = state

    async def exists(self, notice_id: str) -> bool:
        return notice_id in self._state.notices

    async def add(self, notice: Notice) -> None:
        self._state.notices.setdefault(notice.id, notice)

    async def get_many(self, notice_ids: Sequence[str]) -> dict[str, Notice]:
        return {i: self._state.notices[i] for i in notice_ids if i in self._state.notices}

    async def count_since(self, recipient_id: str, since: datetime) -> int:
        return sum(
            1
            for n in self._state.notices.values()
            if n.recipient_id == recipient_id and n.created_at >= since
        )

    async def page(
        self, recipient_id: str, unread_only: bool, first: int, after: Sequence[Any] | None
    ) -> Page[Notice]:
        mine = [
            n
            for n in self._state.notices.values()
            if n.recipient_id == recipient_id and not (unread_only and n.read)
        ]
        mine.sort(key=lambda n: (n.created_at, n.id), reverse=True)
        rest = mine
        if after is not None:
            at, last = cursors.keyset(after, datetime, str)
            rest = [n for n in mine if (n.created_at, n.id) < (at, last)]
        return Page(
            items=rest[:first],
            has_next=len(rest) > first,
            has_previous=after is not None,
            total_count=len(mine),
        )

    async def unread_count(self, recipient_id: str) -> int:
        return sum(
            1 for n in self._state.notices.values() if n.recipient_id == recipient_id and not n.read
        )

    async def mark_read(
        self, recipient_id: str, notice_ids: Sequence[str] | None, at: datetime
    ) -> int:
        marked = 0
        for notice in list(self._state.notices.values()):
            if notice.recipient_id != recipient_id or notice.read:
                continue
            if notice_ids is not None and notice.id not in notice_ids:
                continue
            self._state.notices[notice.id] = replace(notice, read_at=at)
            marked += 1
        return marked


class FakeSuppressions:
    def __init__(self, state: State) -> None:
        self._state = state

    async def add(self, record: Suppressed) -> None:
        self._state.suppressed.setdefault(record.id, record)

    async def count(self, recipient_id: str) -> int:
        return sum(1 for s in self._state.suppressed.values() if s.recipient_id == recipient_id)


class FakeDeliveries:
    def __init__(self, state: State) -> None:
        self._state = state

    async def add(self, delivery: Delivery) -> None:
        self._state.deliveries.setdefault(delivery.id, delivery)

    async def get(self, delivery_id: str) -> Delivery | None:
        return self._state.deliveries.get(delivery_id)

    async def for_notice(self, notice_id: str) -> list[Delivery]:
        return [d for d in self._state.deliveries.values() if d.notice_id == notice_id]

    async def claim_due(self, at: datetime, lease: timedelta, limit: int) -> list[Delivery]:
        due = sorted(
            (
                d
                for d in self._state.deliveries.values()
                if d.state is DeliveryState.PENDING
                and d.next_attempt_at <= at
                and self._state.leases.get(d.id, datetime.min.replace(tzinfo=UTC)) <= at
            ),
            key=lambda d: d.next_attempt_at,
        )[:limit]
        for d in due:
            self._state.leases[d.id] = at + lease
        return due

    async def save(self, delivery: Delivery) -> None:
        self._state.deliveries[delivery.id] = delivery
        self._state.leases.pop(delivery.id, None)


class FakePreferences:
    def __init__(self, state: State) -> None:
        self._state = state

    async def get(self, person_id: str) -> Preferences | None:
        return self._state.preferences.get(person_id)

    async def save(self, prefs: Preferences) -> None:
        self._state.preferences[prefs.person_id] = prefs


class FakeDirectory:
    def __init__(self, state: State) -> None:
        self._state = state

    async def case(self, case_id: str) -> CaseFacts | None:
        return self._state.cases.get(case_id)

    async def save_case(self, facts: CaseFacts) -> None:
        known = self._state.cases.get(facts.case_id)
        followers = known.followers if known else frozenset()
        self._state.cases[facts.case_id] = replace(facts, followers=followers)

    async def set_follower(self, case_id: str, person_id: str, following: bool) -> None:
        known = self._state.cases.get(case_id) or CaseFacts(case_id, "", ())
        followers = known.followers | {person_id} if following else known.followers - {person_id}
        self._state.cases[case_id] = replace(known, followers=frozenset(followers))

    async def holders(self, path: Sequence[str], roles: frozenset[str]) -> list[Holder]:
        return [h for h in self._state.holders if h.org_unit_id in path and h.role in roles]


def bind(state: State) -> NotificationsTx:
    return NotificationsTx(
        notices=FakeNotices(state),
        suppressions=FakeSuppressions(state),
        deliveries=FakeDeliveries(state),
        preferences=FakePreferences(state),
        directory=FakeDirectory(state),
    )


class Clock:
    """A clock the test moves."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at

    def advance(self, by: timedelta) -> None:
        self.at += by


class RecordingSender:
    """A channel that records what it was given, failing the first `failures` times."""

    def __init__(self, failures: int = 0) -> None:
        self.sent: list[Outbound] = []
        self.failures = failures

    async def send(self, message: Outbound) -> None:
        if self.failures > 0:
            self.failures -= 1
            raise DeliveryFailed("refused")
        self.sent.append(message)


def make_ports(
    state: State | None = None,
    *,
    clock: Callable[[], datetime] | None = None,
    senders: dict[Channel, Sender] | None = None,
    limit: int = 30,
    max_attempts: int = 3,
) -> tuple[NotificationsPorts, InMemoryUnitOfWork[State, NotificationsTx]]:
    state = state or State()
    uow: InMemoryUnitOfWork[State, NotificationsTx] = InMemoryUnitOfWork(state, bind)
    ports = NotificationsPorts(
        uow=uow,
        notices=FakeNotices(state),
        deliveries=FakeDeliveries(state),
        preferences=FakePreferences(state),
        rate_limit=RateLimit(limit, timedelta(hours=1)),
        retry=RetryPolicy(max_attempts, timedelta(seconds=30)),
        senders=senders or {},
        **({"clock": clock} if clock else {}),
    )
    return ports, uow
