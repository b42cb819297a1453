"""GraphQL types of accounts and the ledger, and the Person entity points contributes to."""

from __future__ import annotations

from datetime import UTC, datetime

import strawberry
from grassroots_kit.graphql.connections import (
    After,
    Connection,
    First,
    decode_cursor,
    page_size,
    to_connection,
)
from strawberry.types import Info

from grassroots_points.domain import ledger as domain
from grassroots_points.domain import rules as rule_domain
from grassroots_points.domain.access import may_view_account, require_view_account
from grassroots_points.domain.periods import PeriodKind, period
from grassroots_points.graphql.context import Context
from grassroots_points.handlers import reading

strawberry.enum(domain.EntryKind, description="Why a balance changed.")
EntryKind = domain.EntryKind
strawberry.enum(
    PeriodKind,
    description="A leaderboard period (calendar periods are in the business time zone).",
)
strawberry.enum(
    rule_domain.CapPeriod, description="The business day, week or month a cap counts awards in."
)


@strawberry.federation.type(keys=["id"], description="A person (owned by `people`).")
class Person:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")

    @classmethod
    def resolve_reference(cls, id: strawberry.ID) -> Person:
        return cls(id=id)

    @strawberry.field(
        description="The person's points account; null when they have none yet or you may "
        "not see it (a person sees their own, staff those in their scope)."
    )
    async def points(self, info: Info[Context, None]) -> PointsAccount | None:
        caller = info.context.caller
        account = await info.context.accounts.load(str(self.id))
        if caller is None or account is None:
            return None
        if not may_view_account(caller, account.person_id, account.org_unit_path):
            return None
        return PointsAccount.from_domain(account)


def person(person_id: str | None) -> Person | None:
    return Person(id=strawberry.ID(person_id)) if person_id else None


@strawberry.type(description="One change of a balance. Entries are never changed or removed.")
class LedgerEntry:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    person: Person = strawberry.field(description="Whose balance changed.")
    delta: int = strawberry.field(description="Points added (positive) or taken (negative).")
    kind: EntryKind = strawberry.field(description="Why the balance changed.")
    reason: str = strawberry.field(description="What happened, in words.")
    rule_id: strawberry.ID | None = strawberry.field(description="The rule that awarded it.")
    source_event_id: str | None = strawberry.field(
        description="The event (CloudEvent id) that caused it."
    )
    source_event_type: str | None = strawberry.field(description="That event's type.")
    case_id: strawberry.ID | None = strawberry.field(description="The case it rewarded.")
    actor: Person | None = strawberry.field(description="Who made a manual change.")
    redemption_id: strawberry.ID | None = strawberry.field(description="The redemption.")
    confirmed_by: Person | None = strawberry.field(
        description="Who confirmed the visit, the commitment's fulfilment or the attendance it "
        "rewards."
    )
    at: datetime = strawberry.field(description="When it was booked.")
    earned_at: datetime = strawberry.field(description="When the service it rewards was done.")
    balance_after: int = strawberry.field(description="The balance right after this entry.")

    @classmethod
    def from_domain(cls, entry: domain.Entry) -> LedgerEntry:
        return cls(
            id=strawberry.ID(entry.id),
            person=Person(id=strawberry.ID(entry.person_id)),
            delta=entry.delta,
            kind=entry.kind,
            reason=entry.reason_read(),
            rule_id=strawberry.ID(entry.rule_id) if entry.rule_id else None,
            source_event_id=entry.source_event_id,
            source_event_type=entry.source_event_type,
            case_id=strawberry.ID(entry.case_id) if entry.case_id else None,
            actor=person(entry.actor_id),
            redemption_id=strawberry.ID(entry.redemption_id) if entry.redemption_id else None,
            confirmed_by=person(entry.confirmed_by),
            at=entry.at,
            earned_at=entry.earned_at or entry.at,
            balance_after=entry.balance_after or 0,
        )


@strawberry.type(description="A person's points: what they hold and what they have earned.")
class PointsAccount:
    person: Person = strawberry.field(description="Whose account this is.")
    balance: int = strawberry.field(description="Points available to redeem; never negative.")
    earned_total: int = strawberry.field(
        description="Points earned so far (awards, reversals and adjustments; not spending)."
    )
    version: int = strawberry.field(description="Grows with every entry.")
    person_id: strawberry.Private[str]
    path: strawberry.Private[tuple[str, ...]]

    @classmethod
    def from_domain(cls, account: domain.Account) -> PointsAccount:
        return cls(
            person=Person(id=strawberry.ID(account.person_id)),
            balance=account.balance,
            earned_total=account.earned_total,
            version=account.version,
            person_id=account.person_id,
            path=account.org_unit_path,
        )

    @strawberry.field(description="The entries, newest first.")
    async def entries(
        self, info: Info[Context, None], first: First = None, after: After = None
    ) -> Connection[LedgerEntry]:
        return await ledger_connection(info.context, self.person_id, first, after)

    @strawberry.field(
        description="Rank by points earned among the people of the person's community "
        "(1 is the top; ties share a rank); null when the community is unknown or nothing "
        "was earned in the period."
    )
    async def community_rank(
        self, info: Info[Context, None], period_kind: PeriodKind = PeriodKind.YEAR
    ) -> int | None:
        window = period(period_kind, now=datetime.now(UTC), tz=info.context.ports.business_zone)
        return await reading.community_rank(info.context.ports, self.person_id, self.path, window)


async def ledger_connection(
    context: Context, person_id: str, first: int | None, after: str | None
) -> Connection[LedgerEntry]:
    caller = context.require_caller()
    account = await context.accounts.load(person_id)
    require_view_account(caller, person_id, account.org_unit_path if account else ())
    page = await reading.ledger_page(
        context.ports, person_id, page_size(first), decode_cursor(after) if after else None
    )
    return to_connection(page, reading.entry_key, LedgerEntry.from_domain)


@strawberry.type(description="How many points an occasion earns, and for whom.")
class PointRule:
    id: strawberry.ID = strawberry.field(description="Stable identifier.")
    event_type: str = strawberry.field(
        description="case.closed, order.taken (paid when its case closes), visit.logged, "
        "commitment.fulfilled or activity.attended."
    )
    category: str | None = strawberry.field(description="Only cases of this category.")
    priority: str | None = strawberry.field(description="Only cases of this priority.")
    level: str | None = strawberry.field(description="Only cases closed at this level.")
    role: str | None = strawberry.field(description="Only handlers in this role.")
    care_level: str | None = strawberry.field(description="Only visits to this care level.")
    points: int = strawberry.field(description="Points per occasion.")
    met_deadline_bonus: int = strawberry.field(
        description="Extra points when the case met its deadline (or the commitment was on time)."
    )
    top_rating_bonus: int = strawberry.field(description="Extra points when rated 5.")
    description: str = strawberry.field(description="What the rule rewards, in words.")
    updated_at: datetime = strawberry.field(description="When the rule last changed.")
    updated_by: Person | None = strawberry.field(description="Who changed it last.")
    max_per_period: int | None = strawberry.field(
        description="At most this many awards per person and period; null: the platform default."
    )
    cap_period: rule_domain.CapPeriod | None = strawberry.field(
        description="The period a cap counts in."
    )
    points_per_hour: int = strawberry.field(
        description="Extra points per whole hour served (activity.attended)."
    )

    @classmethod
    def from_domain(cls, rule: rule_domain.PointRule) -> PointRule:
        s = rule.selector
        return cls(
            id=strawberry.ID(rule.id),
            event_type=s.event_type,
            category=s.category,
            priority=s.priority,
            level=s.level,
            role=s.role,
            care_level=s.care_level,
            points=rule.points,
            met_deadline_bonus=rule.met_deadline_bonus,
            top_rating_bonus=rule.top_rating_bonus,
            description=rule.description,
            updated_at=rule.updated_at,
            updated_by=person(rule.updated_by),
            max_per_period=rule.max_per_period,
            cap_period=rule.cap_period,
            points_per_hour=rule.points_per_hour,
        )
