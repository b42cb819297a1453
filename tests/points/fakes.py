"""In-memory stores that behave as the MongoDB adapters do, for handler tests in the fast lane.

Each fake satisfies its protocol in grassroots_points.handlers.ports and passes the same
contract tests as its adapter (tests/points/contracts.py). The fakes hold their data in one
`PointsState`, reached through `self._state` on every call, so `InMemoryUnitOfWork` can roll
the whole state back when a handler raises, as a MongoDB transaction would.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from grassroots_kit import cursors
from grassroots_kit.cursors import Page
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_kit.unit_of_work import InMemoryUnitOfWork
from grassroots_points.adapters.rewards import RedemptionQuery
from grassroots_points.domain.caps import Withheld
from grassroots_points.domain.closures import ClosureState
from grassroots_points.domain.concurrency import AlreadyRecorded
from grassroots_points.domain.ids import PersonId
from grassroots_points.domain.ledger import Account, Entry, EntryKind, InsufficientPoints
from grassroots_points.domain.occasions import CaseClosed
from grassroots_points.domain.periods import Period
from grassroots_points.domain.rewards import (
    Redemption,
    RedemptionStatus,
    Reward,
    RewardChanges,
    RewardNameTaken,
)
from grassroots_points.domain.rules import PointRule
from grassroots_points.domain.standings import Standing, ranked
from grassroots_points.handlers.ports import PointsPorts, PointsTx

T = TypeVar("T")
K = TypeVar("K", bound=tuple[Any, ...])


def _page(
    found: Sequence[T],
    key: Callable[[T], K],
    descending: bool,
    first: int,
    after: K | None,
) -> Page[T]:
    """A keyset page as the adapters cut it: sorted by `key`, strictly past `after`."""
    ordered = sorted(found, key=key, reverse=descending)
    if after is not None:
        ordered = [x for x in ordered if (key(x) < after if descending else key(x) > after)]
    return Page(
        items=list(ordered[:first]),
        has_next=len(ordered) > first,
        has_previous=after is not None,
        total_count=len(found),
    )


@dataclass(frozen=True)
class SeenClosure:
    state: ClosureState
    handlers: tuple[tuple[str, str | None], ...] = ()  # (person, role)
    org_unit_path: tuple[str, ...] = ()
    closed_at: datetime | None = None


@dataclass(frozen=True)
class HeldRole:
    person_id: str
    role: str
    org_unit_path: tuple[str, ...]
    active: bool = True


@dataclass
class PointsState:
    """Everything the fakes store: what points' MongoDB database holds, as domain objects."""

    accounts: dict[str, Account] = field(default_factory=dict)
    entries: list[Entry] = field(default_factory=list)
    rewards: dict[str, Reward] = field(default_factory=dict)
    redemptions: dict[str, Redemption] = field(default_factory=dict)
    rules: dict[str, PointRule] = field(default_factory=dict)
    withheld: dict[tuple[str, str], str] = field(default_factory=dict)  # (event, person) → why
    closures: dict[tuple[str, int], SeenClosure] = field(default_factory=dict)
    takers: dict[str, PersonId] = field(default_factory=dict)
    homes: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roles: dict[str, HeldRole] = field(default_factory=dict)  # by assignment id
    received: dict[str, CloudEvent] = field(default_factory=dict)
    org_units: dict[str, ProjectedOrgUnit] = field(default_factory=dict)


class FakeLedger:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def post(self, entry: Entry, *, home_path: Sequence[str] = ()) -> Entry:
        account = self._state.accounts.get(entry.person_id)
        if entry.delta < 0 and (account is None or account.balance < -entry.delta):
            balance = account.balance if account else 0
            raise InsufficientPoints.paying(entry, balance)
        posted = dataclasses.replace(
            entry, balance_after=self._apply(entry.person_id, entry.delta, entry.earned, home_path)
        )
        self._insert([posted])
        return posted

    async def post_credits(
        self, entries: Sequence[Entry], *, home_paths: Mapping[str, Sequence[str]]
    ) -> list[Entry]:
        if any(entry.delta <= 0 for entry in entries):
            raise ValueError("post_credits posts credits only")
        posted = [
            dataclasses.replace(
                entry,
                balance_after=self._apply(
                    entry.person_id, entry.delta, entry.earned, home_paths.get(entry.person_id, ())
                ),
            )
            for entry in entries
        ]
        self._insert(posted)
        return posted

    async def awarded(self, event_ids: Sequence[str]) -> set[tuple[str, str]]:
        wanted = set(event_ids)
        return {
            (e.source_event_id, e.person_id)
            for e in self._state.entries
            if e.source_event_id is not None and e.source_event_id in wanted
        }

    async def count_awards(
        self, person_id: str, event_type: str, since: datetime, until: datetime
    ) -> int:
        return sum(
            1
            for e in self._state.entries
            if e.person_id == person_id
            and e.kind is EntryKind.AWARD
            and e.source_event_type == event_type
            and e.earned_at is not None
            and since <= e.earned_at < until
        )

    async def account(self, person_id: str) -> Account | None:
        return self._state.accounts.get(person_id)

    async def accounts(self, person_ids: Iterable[str]) -> dict[str, Account]:
        accounts = self._state.accounts
        return {p: accounts[p] for p in set(person_ids) if p in accounts}

    async def page(self, person_id: str, first: int, after: Sequence[Any] | None) -> Page[Entry]:
        mine = [e for e in self._state.entries if e.person_id == person_id]
        last = None if after is None else cursors.keyset(after, datetime, str)
        return _page(mine, lambda e: (e.at, str(e.id)), True, first, last)

    async def entries_of_event(self, event_id: str) -> list[Entry]:
        return [e for e in self._state.entries if e.source_event_id == event_id]

    async def awards_of_closure(self, case_id: str, closure: int) -> list[Entry]:
        return [
            e
            for e in self._state.entries
            if e.case_id == case_id and e.closure == closure and e.kind is EntryKind.AWARD
        ]

    async def reversed_awards(self, award_ids: Sequence[str]) -> set[str]:
        wanted = set(award_ids)
        return {e.reverses for e in self._state.entries if e.reverses in wanted}

    def _apply(self, person_id: str, delta: int, earned: int, home_path: Sequence[str]) -> int:
        account = self._state.accounts.get(person_id)
        if account is None:
            account = Account(
                person_id=PersonId(person_id),
                balance=0,
                earned_total=0,
                version=0,
                org_unit_path=tuple(home_path),
                created_at=datetime.now(UTC),
            )
        account = dataclasses.replace(
            account,
            balance=account.balance + delta,
            earned_total=account.earned_total + earned,
            version=account.version + 1,
        )
        self._state.accounts[person_id] = account
        return account.balance

    def _insert(self, entries: Sequence[Entry]) -> None:
        # The adapter's unique indexes: one entry per event and person, one reversal per award.
        taken = {(e.source_event_id, e.person_id) for e in self._state.entries if e.source_event_id}
        reversed_ = {e.reverses for e in self._state.entries if e.reverses}
        for entry in entries:
            if entry.source_event_id and (entry.source_event_id, entry.person_id) in taken:
                raise AlreadyRecorded(f"{entry.source_event_id} / {entry.person_id}")
            if entry.reverses and entry.reverses in reversed_:
                raise AlreadyRecorded(f"reversal of {entry.reverses}")
            if entry.source_event_id:
                taken.add((entry.source_event_id, entry.person_id))
            if entry.reverses:
                reversed_.add(entry.reverses)
        self._state.entries.extend(entries)


class FakeRewards:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def insert(self, reward: Reward) -> None:
        if self._name_taken(reward.org_unit_id, reward.name, but=reward.id):
            raise RewardNameTaken(reward.name)
        self._state.rewards[reward.id] = reward

    async def get(self, reward_id: str) -> Reward | None:
        return self._state.rewards.get(reward_id)

    async def update(self, reward_id: str, changes: RewardChanges) -> Reward | None:
        reward = self._state.rewards.get(reward_id)
        if reward is None:
            return None
        if changes.name is not None and self._name_taken(
            reward.org_unit_id, changes.name, but=reward_id
        ):
            raise RewardNameTaken(changes.name)
        updated = dataclasses.replace(
            reward,
            name=reward.name if changes.name is None else changes.name,
            cost=reward.cost if changes.cost is None else changes.cost,
            active=reward.active if changes.active is None else changes.active,
        )
        self._state.rewards[reward_id] = updated
        return updated

    async def change_stock(self, reward_id: str, by: int) -> Reward | None:
        reward = self._state.rewards.get(reward_id)
        if reward is None or (by < 0 and (reward.stock < -by or not reward.active)):
            return None
        updated = dataclasses.replace(reward, stock=reward.stock + by)
        self._state.rewards[reward_id] = updated
        return updated

    async def get_many(self, ids: Iterable[str]) -> dict[str, Reward]:
        rewards = self._state.rewards
        return {i: rewards[i] for i in set(ids) if i in rewards}

    async def page(
        self, within: str, only_active: bool, first: int, after: Sequence[Any] | None
    ) -> Page[Reward]:
        found = [
            r
            for r in self._state.rewards.values()
            if within in r.org_unit_path and (r.active or not only_active)
        ]
        last = None if after is None else cursors.keyset(after, str, str)
        return _page(found, lambda r: (r.name, str(r.id)), False, first, last)

    def _name_taken(self, org_unit_id: str, name: str, *, but: str) -> bool:
        return any(
            r.org_unit_id == org_unit_id and r.name == name and r.id != but
            for r in self._state.rewards.values()
        )


class FakeRedemptions:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def insert(self, redemption: Redemption) -> None:
        self._state.redemptions[redemption.id] = redemption

    async def get(self, redemption_id: str) -> Redemption | None:
        return self._state.redemptions.get(redemption_id)

    async def leave_requested(
        self, redemption_id: str, to: RedemptionStatus, by: str
    ) -> Redemption | None:
        current = self._state.redemptions.get(redemption_id)
        if current is None or current.status is not RedemptionStatus.REQUESTED:
            return None
        moved = dataclasses.replace(
            current, status=to, updated_at=datetime.now(UTC), handled_by=PersonId(by)
        )
        self._state.redemptions[redemption_id] = moved
        return moved

    async def page(
        self, query: RedemptionQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Redemption]:
        found = [
            r
            for r in self._state.redemptions.values()
            if (query.person_id is None or r.person_id == query.person_id)
            and (query.within is None or query.within in r.org_unit_path)
            and (query.status is None or r.status is query.status)
        ]
        last = None if after is None else cursors.keyset(after, datetime, str)
        return _page(found, lambda r: (r.at, str(r.id)), True, first, last)


class FakeRules:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def for_event_types(self, event_types: set[str]) -> list[PointRule]:
        return [r for r in self._state.rules.values() if r.selector.event_type in event_types]

    async def put(self, rule: PointRule) -> PointRule:
        same = next(
            (r for r in self._state.rules.values() if r.selector.key() == rule.selector.key()),
            None,
        )
        stored = dataclasses.replace(rule, id=same.id) if same else rule
        self._state.rules[stored.id] = stored
        return stored

    async def get(self, rule_id: str) -> PointRule | None:
        return self._state.rules.get(rule_id)

    async def all(self) -> list[PointRule]:
        return sorted(
            self._state.rules.values(), key=lambda r: (r.selector.event_type, r.selector.key())
        )

    async def delete(self, rule_id: str) -> bool:
        return self._state.rules.pop(rule_id, None) is not None


class FakeWithheld:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def record(self, withheld: Sequence[Withheld], now: datetime) -> None:
        for w in withheld:
            key = (w.award.occasion.source_event_id, w.award.occasion.person_id)
            self._state.withheld[key] = w.reason

    async def reasons(self, event_id: str) -> dict[str, str]:
        return {
            person: why
            for (event, person), why in self._state.withheld.items()
            if event == event_id
        }


class FakeCasesSeen:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def closure_states(
        self, closings: Sequence[tuple[str, int]]
    ) -> dict[tuple[str, int], ClosureState]:
        return {k: self._state.closures[k].state for k in closings if k in self._state.closures}

    async def takers(self, case_ids: Sequence[str]) -> dict[str, PersonId]:
        return {c: self._state.takers[c] for c in case_ids if c in self._state.takers}

    async def record_closings(self, closings: Sequence[tuple[CaseClosed, str, datetime]]) -> None:
        for closed, _event_id, at in closings:
            self._state.closures[(closed.case_id, closed.closure)] = SeenClosure(
                state=ClosureState.CLOSED,
                handlers=tuple((h.person_id, h.role) for h in closed.handlers),
                org_unit_path=closed.org_unit_path,
                closed_at=closed.closed_at or at,
            )

    async def record_reopened(self, case_id: str, closure: int) -> None:
        seen = self._state.closures.get((case_id, closure), SeenClosure(ClosureState.REOPENED))
        self._state.closures[(case_id, closure)] = dataclasses.replace(
            seen, state=ClosureState.REOPENED
        )

    async def record_taker(self, case_id: str, taker: PersonId) -> None:
        self._state.takers[case_id] = taker

    async def chiefs_who_handled(
        self, role: str, within: str, since: datetime, until: datetime
    ) -> set[str]:
        return {
            person
            for seen in self._closed_in(since, until)
            if within in seen.org_unit_path
            for person, held in seen.handlers
            if held == role
        }

    async def handled_counts(
        self, person_ids: Sequence[str], since: datetime, until: datetime
    ) -> dict[str, int]:
        cases: dict[str, set[str]] = {}
        for (case_id, _), seen in self._state.closures.items():
            if seen.state is not ClosureState.CLOSED or seen not in self._closed_in(since, until):
                continue
            for person, _role in seen.handlers:
                if person in person_ids:
                    cases.setdefault(person, set()).add(case_id)
        return {person: len(handled) for person, handled in cases.items()}

    def _closed_in(self, since: datetime, until: datetime) -> list[SeenClosure]:
        return [
            seen
            for seen in self._state.closures.values()
            if seen.closed_at is not None and since <= seen.closed_at < until
        ]


class FakePeople:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def home(self, person_id: str) -> tuple[str, ...]:
        return self._state.homes.get(person_id, ())

    async def homes(self, person_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        return {p: self._state.homes[p] for p in person_ids if p in self._state.homes}

    async def holders(self, role: str, within: str) -> set[str]:
        return {
            r.person_id
            for r in self._state.roles.values()
            if r.role == role and r.active and within in r.org_unit_path
        }


class FakeStandings:
    """The leaderboard over the fake ledger: what each person earned in a subtree and period."""

    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def top(
        self, org_unit_id: str, period: Period, first: int, among: Iterable[str] | None = None
    ) -> list[Standing]:
        wanted = None if among is None else set(among)
        totals: dict[str, int] = {}
        for e in self._state.entries:
            earned_at = e.earned_at or e.at
            if (
                org_unit_id in e.org_unit_path
                and (period.since is None or earned_at >= period.since)
                and (period.until is None or earned_at < period.until)
                and (wanted is None or e.person_id in wanted)
            ):
                totals[e.person_id] = totals.get(e.person_id, 0) + e.earned
        best = sorted((item for item in totals.items() if item[1] > 0), key=lambda t: (-t[1], t[0]))
        return ranked(best[:first])

    async def rank(self, person_id: str, org_unit_id: str, period: Period) -> int | None:
        totals: dict[str, int] = {}
        for e in self._state.entries:
            earned_at = e.earned_at or e.at
            if (
                org_unit_id in e.org_unit_path
                and (period.since is None or earned_at >= period.since)
                and (period.until is None or earned_at < period.until)
            ):
                totals[e.person_id] = totals.get(e.person_id, 0) + e.earned
        mine = totals.get(person_id, 0)
        if mine <= 0:
            return None
        return 1 + sum(1 for points in totals.values() if points > mine)


class FakeReceived:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def keep_many(self, events: Sequence[CloudEvent]) -> None:
        for event in events:
            self._state.received.setdefault(event.id, event)

    async def replay(self, types: set[str]) -> AsyncIterator[CloudEvent]:
        kept = sorted(self._state.received.values(), key=lambda e: (e.time, e.id))
        for event in kept:
            if event.type in types:
                yield event


class FakeOrgUnits:
    def __init__(self, state: PointsState) -> None:
        self._state = state

    async def get(self, unit_id: str) -> ProjectedOrgUnit | None:
        return self._state.org_units.get(unit_id)

    async def first_of_kind(self, path: Sequence[str], kind: str) -> ProjectedOrgUnit | None:
        units = self._state.org_units
        return next((units[i] for i in path if i in units and units[i].kind == kind), None)


def bind(state: PointsState) -> PointsTx:
    return PointsTx(
        ledger=FakeLedger(state),
        rewards=FakeRewards(state),
        redemptions=FakeRedemptions(state),
        rules=FakeRules(state),
        withheld=FakeWithheld(state),
        cases_seen=FakeCasesSeen(state),
        people=FakePeople(state),
        received=FakeReceived(state),
    )


class FixedClock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@dataclass
class FakePoints:
    """The ports over in-memory state, and handles on what a test looks at."""

    state: PointsState
    uow: InMemoryUnitOfWork[PointsState, PointsTx]
    ports: PointsPorts
    clock: FixedClock


def fake_points(now: datetime | None = None) -> FakePoints:
    state = PointsState()
    uow: InMemoryUnitOfWork[PointsState, PointsTx] = InMemoryUnitOfWork(state, bind)
    clock = FixedClock(now or datetime(2026, 6, 1, 8, 0, tzinfo=UTC))
    ports = PointsPorts(
        uow=uow,
        replay_uow=uow,
        org_units=FakeOrgUnits(state),
        received=FakeReceived(state),
        standings=FakeStandings(state),
        role_holders=FakePeople(state),
        handled=FakeCasesSeen(state),
        clock=clock,
        ledger=FakeLedger(state),
        rewards=FakeRewards(state),
        redemptions=FakeRedemptions(state),
        rules=FakeRules(state),
    )
    return FakePoints(state=state, uow=uow, ports=ports, clock=clock)
