"""What the points use cases need of storage, in the domain's words.

One protocol per store. A repository reached through `PointsTx` is bound to that transaction,
so no method takes a session; the MongoDB adapters (grassroots_points.adapters) and the
in-memory fakes (tests/points/fakes.py) both satisfy these protocols and pass the same contract
tests. Handlers receive a `PointsPorts` instead of the `ServiceHost`
(handlers/composition.py builds the production one).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar
from zoneinfo import ZoneInfo

from grassroots_kit.business_time import DEFAULT_ZONE
from grassroots_kit.cursors import Page
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.mongo import Session
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_kit.unit_of_work import Transaction, UnitOfWork

from grassroots_points.adapters.rewards import RedemptionQuery
from grassroots_points.domain.caps import Withheld
from grassroots_points.domain.closures import ClosureState
from grassroots_points.domain.ids import PersonId
from grassroots_points.domain.ledger import Account, Entry
from grassroots_points.domain.occasions import CaseClosed
from grassroots_points.domain.periods import Period
from grassroots_points.domain.rewards import Redemption, RedemptionStatus, Reward, RewardChanges
from grassroots_points.domain.rules import PointRule
from grassroots_points.domain.standings import Standing

T = TypeVar("T")


class LedgerRepository(Protocol):
    """Accounts and their entries. Every change of a balance is an entry; none goes below 0."""

    async def post(self, entry: Entry, *, home_path: Sequence[str] = ()) -> Entry:
        """Apply one entry (a debit raises InsufficientPoints); returns it with balance_after."""
        ...

    async def post_credits(
        self, entries: Sequence[Entry], *, home_paths: Mapping[str, Sequence[str]]
    ) -> list[Entry]: ...

    async def awarded(self, event_ids: Sequence[str]) -> set[tuple[str, str]]: ...

    async def count_awards(
        self, person_id: str, event_type: str, since: datetime, until: datetime
    ) -> int: ...

    async def account(self, person_id: str) -> Account | None: ...

    async def entries_of_event(self, event_id: str) -> list[Entry]: ...

    async def awards_of_closure(self, case_id: str, closure: int) -> list[Entry]: ...

    async def reversed_awards(self, award_ids: Sequence[str]) -> set[str]: ...


class RewardRepository(Protocol):
    async def insert(self, reward: Reward) -> None:
        """Raises RewardNameTaken when the catalog has a reward of that name."""
        ...

    async def get(self, reward_id: str) -> Reward | None: ...

    async def update(self, reward_id: str, changes: RewardChanges) -> Reward | None:
        """None when there is no such reward; RewardNameTaken when renaming onto a taken name."""
        ...

    async def change_stock(self, reward_id: str, by: int) -> Reward | None:
        """None when taking more than there is, or from an inactive reward."""
        ...


class RedemptionRepository(Protocol):
    async def insert(self, redemption: Redemption) -> None: ...

    async def get(self, redemption_id: str) -> Redemption | None: ...

    async def leave_requested(
        self, redemption_id: str, to: RedemptionStatus, by: str
    ) -> Redemption | None:
        """Move a REQUESTED redemption on; None when it is no longer REQUESTED."""
        ...


class RuleRepository(Protocol):
    async def for_event_types(self, event_types: set[str]) -> list[PointRule]: ...

    async def put(self, rule: PointRule) -> PointRule:
        """Insert, or replace the rule with the same selector (keeping its id)."""
        ...

    async def get(self, rule_id: str) -> PointRule | None: ...

    async def delete(self, rule_id: str) -> bool: ...


class WithheldRepository(Protocol):
    async def record(self, withheld: Sequence[Withheld], now: datetime) -> None:
        """Once per event and person: a later record replaces the earlier one."""
        ...

    async def reasons(self, event_id: str) -> dict[str, str]:
        """Person → why they earned nothing from this event, for those withheld."""
        ...


class CasesSeenRepository(Protocol):
    async def closure_states(
        self, closings: Sequence[tuple[str, int]]
    ) -> dict[tuple[str, int], ClosureState]: ...

    async def takers(self, case_ids: Sequence[str]) -> dict[str, PersonId]: ...

    async def record_closings(
        self, closings: Sequence[tuple[CaseClosed, str, datetime]]
    ) -> None: ...

    async def record_reopened(self, case_id: str, closure: int) -> None: ...

    async def record_taker(self, case_id: str, taker: PersonId) -> None: ...


class PeopleRepository(Protocol):
    """Where people live, from people's events."""

    async def home(self, person_id: str) -> tuple[str, ...]: ...

    async def homes(self, person_ids: Sequence[str]) -> dict[str, tuple[str, ...]]: ...


class ReceivedRepository(Protocol):
    """The awarding events consumed, kept to be processed again."""

    async def keep_many(self, events: Sequence[CloudEvent]) -> None: ...


class ReceivedLog(Protocol):
    def replay(self, types: set[str]) -> AsyncIterator[CloudEvent]:
        """The kept events of these types, oldest first."""
        ...


class OrgUnits(Protocol):
    async def get(self, unit_id: str) -> ProjectedOrgUnit | None: ...

    async def first_of_kind(self, path: Sequence[str], kind: str) -> ProjectedOrgUnit | None:
        """The unit of this kind (a community, say) that a path runs through, if known."""
        ...


class StandingsReader(Protocol):
    """Points earned (awards, reversals, adjustments) in a subtree, by when they were earned."""

    async def top(
        self, org_unit_id: str, period: Period, first: int, among: Iterable[str] | None = None
    ) -> list[Standing]:
        """The top earners with more than 0 points; ties share a rank (1, 2, 2, 4)."""
        ...

    async def rank(self, person_id: str, org_unit_id: str, period: Period) -> int | None:
        """1 + how many earned more than this person in the subtree; None if they earned none."""
        ...


# The graph's reads, outside any transaction: each list pages by its keyset (the cursor keys
# are adapters' `page_key`, `reward_key` and `redemption_key`).


class LedgerReads(Protocol):
    async def accounts(self, person_ids: Iterable[str]) -> dict[str, Account]: ...

    async def page(self, person_id: str, first: int, after: Sequence[Any] | None) -> Page[Entry]:
        """A person's entries, newest first."""
        ...


class RewardReads(Protocol):
    async def get_many(self, ids: Iterable[str]) -> dict[str, Reward]: ...

    async def page(
        self, within: str, only_active: bool, first: int, after: Sequence[Any] | None
    ) -> Page[Reward]:
        """The rewards in `within`'s subtree, by name."""
        ...


class RedemptionReads(Protocol):
    async def page(
        self, query: RedemptionQuery, first: int, after: Sequence[Any] | None
    ) -> Page[Redemption]:
        """The redemptions the query selects, newest first."""
        ...


class RuleReads(Protocol):
    async def all(self) -> list[PointRule]:
        """Every rule, by event type and selector."""
        ...


class RoleHolders(Protocol):
    async def holders(self, role: str, within: str) -> set[str]:
        """People whose active role assignment lies in `within`'s subtree."""
        ...


class HandledCases(Protocol):
    async def chiefs_who_handled(
        self, role: str, within: str, since: datetime, until: datetime
    ) -> set[str]:
        """People who handled a case closed in [since, until) under `within` in that role."""
        ...

    async def handled_counts(
        self, person_ids: Sequence[str], since: datetime, until: datetime
    ) -> dict[str, int]:
        """Distinct cases each person handled in a closing of [since, until) that stands."""
        ...


@dataclass
class PointsTx(Transaction):
    """The repositories a write needs, bound to one transaction, and its events."""

    ledger: LedgerRepository
    rewards: RewardRepository
    redemptions: RedemptionRepository
    rules: RuleRepository
    withheld: WithheldRepository
    cases_seen: CasesSeenRepository
    people: PeopleRepository
    received: ReceivedRepository
    # Whose midnights cut the award caps' days, weeks and months.
    business_zone: ZoneInfo = DEFAULT_ZONE


class InConsumerTransaction(Protocol):
    """A unit of work that can also run inside a transaction the consumer opened."""

    async def within(self, session: Session, work: Callable[[PointsTx], Awaitable[T]]) -> T: ...


@dataclass(frozen=True)
class PointsPorts:
    """What the points use cases are given instead of the ServiceHost."""

    uow: UnitOfWork[PointsTx]
    # The same unit of work, raising WriteConflict / AlreadyRecorded (domain.concurrency) for
    # the store's concurrency failures: reprocessing tells them apart from real errors.
    replay_uow: UnitOfWork[PointsTx]
    org_units: OrgUnits
    received: ReceivedLog
    standings: StandingsReader
    role_holders: RoleHolders
    handled: HandledCases
    clock: Callable[[], datetime]
    ledger: LedgerReads
    rewards: RewardReads
    redemptions: RedemptionReads
    rules: RuleReads
    # Whose midnights cut the leaderboard's weeks, months and years.
    business_zone: ZoneInfo = DEFAULT_ZONE
