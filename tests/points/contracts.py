"""The contract of each points store protocol (grassroots_points.handlers.ports), written once.

Every check takes a `Backend` and runs against the in-memory fakes (tests/points/unit) and the
MongoDB adapters (tests/points/integration) with the same assertions, so a handler test over
the fakes says what production would do.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from grassroots_kit.messaging.envelope import CloudEvent
from grassroots_kit.org_units import ProjectedOrgUnit
from grassroots_kit.unit_of_work import UnitOfWork
from grassroots_points.adapters.ledger import page_key as entry_key
from grassroots_points.adapters.rewards import RedemptionQuery, redemption_key, reward_key
from grassroots_points.domain.caps import Withheld
from grassroots_points.domain.closures import ClosureState
from grassroots_points.domain.concurrency import AlreadyRecorded
from grassroots_points.domain.ids import EntryId, PersonId, RedemptionId, RewardId, RuleId
from grassroots_points.domain.ledger import Entry, EntryKind, InsufficientPoints
from grassroots_points.domain.occasions import CaseClosed, Handler, Occasion
from grassroots_points.domain.periods import Period
from grassroots_points.domain.rewards import (
    Redemption,
    RedemptionStatus,
    Reward,
    RewardChanges,
    RewardNameTaken,
)
from grassroots_points.domain.rules import Award, PointRule, Selector
from grassroots_points.domain.standings import Standing
from grassroots_points.handlers.ports import (
    HandledCases,
    LedgerReads,
    OrgUnits,
    PointsTx,
    ReceivedLog,
    RedemptionReads,
    RewardReads,
    RoleHolders,
    RuleReads,
    StandingsReader,
)

# Whole milliseconds: what MongoDB keeps of a datetime.
T0 = datetime(2026, 5, 4, 9, 30, tzinfo=UTC)


@dataclass
class Backend:
    uow: UnitOfWork[PointsTx]
    replay_uow: UnitOfWork[PointsTx]
    received: ReceivedLog
    standings: StandingsReader
    role_holders: RoleHolders
    handled: HandledCases
    given_home: Callable[[str, tuple[str, ...]], Awaitable[None]]
    # (assignment, person, role, path with the unit, active), as people's role events leave it
    given_role: Callable[[str, str, str, tuple[str, ...], bool], Awaitable[None]]
    # the graph's reads, outside any transaction
    ledger: LedgerReads
    rewards: RewardReads
    redemptions: RedemptionReads
    rules: RuleReads
    org_units: OrgUnits
    # a unit as people's org-unit events leave it in the projection
    given_org_unit: Callable[[ProjectedOrgUnit], Awaitable[None]]


def uid(prefix: str) -> str:
    return f"{prefix}{uuid.uuid4().hex[:10]}"


def entry(person: str, delta: int, **fields: Any) -> Entry:
    kind = fields.pop("kind", EntryKind.AWARD if delta > 0 else EntryKind.REDEMPTION)
    at = fields.pop("at", T0)
    return Entry(
        id=EntryId(uid("e-")),
        person_id=PersonId(person),
        delta=delta,
        kind=kind,
        reason="contract",
        at=at,
        **fields,
    )


def reward(org_unit: str = "c1", name: str = "Towel", stock: int = 3) -> Reward:
    return Reward(
        id=RewardId(uid("rw-")),
        org_unit_id=org_unit,
        org_unit_path=("d1", org_unit),
        name=name,
        cost=5,
        stock=stock,
        active=True,
        created_at=T0,
    )


def rule(event_type: str, points: int, role: str | None = None) -> PointRule:
    return PointRule(
        id=RuleId(uid("rule-")),
        selector=Selector(event_type=event_type, role=role),
        points=points,
        met_deadline_bonus=0,
        top_rating_bonus=0,
        description="",
        updated_at=T0,
        updated_by=PersonId("admin"),
    )


# -- ledger ------------------------------------------------------------------------------------


async def ledger_credit_opens_an_account_at_its_home(b: Backend) -> None:
    person = uid("p-")
    posted = await b.uow.run(lambda tx: tx.ledger.post(entry(person, 7), home_path=("d1", "c1")))
    again = await b.uow.run(lambda tx: tx.ledger.post(entry(person, 3), home_path=("d9",)))
    account = await b.uow.run(lambda tx: tx.ledger.account(person))
    assert (posted.balance_after, again.balance_after) == (7, 10)
    assert account is not None
    assert (account.balance, account.earned_total, account.version) == (10, 10, 2)
    assert account.org_unit_path == ("d1", "c1")  # the first credit placed it


async def ledger_debit_never_goes_below_zero(b: Backend) -> None:
    person = uid("p-")
    await b.uow.run(lambda tx: tx.ledger.post(entry(person, 4)))
    with pytest.raises(InsufficientPoints) as refused:
        await b.uow.run(lambda tx: tx.ledger.post(entry(person, -5)))
    assert refused.value.extensions["balance"] == 4
    with pytest.raises(InsufficientPoints):
        await b.uow.run(lambda tx: tx.ledger.post(entry(uid("nobody-"), -1)))
    spent = await b.uow.run(lambda tx: tx.ledger.post(entry(person, -4)))
    account = await b.uow.run(lambda tx: tx.ledger.account(person))
    assert spent.balance_after == 0
    assert account is not None
    assert (account.balance, account.earned_total) == (0, 4)  # spending is not un-earning


async def ledger_credits_run_balances_in_order(b: Backend) -> None:
    a, c = uid("a-"), uid("c-")
    credits = [entry(a, 2), entry(c, 5), entry(a, 3)]
    posted = await b.uow.run(
        lambda tx: tx.ledger.post_credits(credits, home_paths={a: ("d1",), c: ("d2",)})
    )
    assert [e.balance_after for e in posted] == [2, 5, 5]
    account = await b.uow.run(lambda tx: tx.ledger.account(c))
    assert account is not None
    assert account.org_unit_path == ("d2",)
    with pytest.raises(ValueError, match="credits only"):
        await b.uow.run(lambda tx: tx.ledger.post_credits([entry(a, -1)], home_paths={}))


async def ledger_finds_awards_by_event_period_and_closure(b: Backend) -> None:
    person, event, case = uid("p-"), uid("ev-"), uid("case-")
    earned = T0 - timedelta(days=1)
    award = entry(
        person,
        6,
        source_event_id=event,
        source_event_type="case.closed",
        earned_at=earned,
        case_id=case,
        closure=1,
    )
    await b.uow.run(lambda tx: tx.ledger.post_credits([award], home_paths={}))
    reversal = entry(
        person,
        -6,
        kind=EntryKind.REVERSAL,
        source_event_id=uid("reopen-"),
        case_id=case,
        closure=1,
        reverses=award.id,
    )

    async def look(tx: PointsTx) -> tuple[Any, ...]:
        return (
            await tx.ledger.awarded([event, uid("other-")]),
            await tx.ledger.count_awards(person, "case.closed", earned, T0),
            await tx.ledger.count_awards(person, "case.closed", T0, T0 + timedelta(days=1)),
            await tx.ledger.count_awards(person, "visit.logged", earned, T0),
            [e.id for e in await tx.ledger.entries_of_event(event)],
            [e.id for e in await tx.ledger.awards_of_closure(case, 1)],
            await tx.ledger.awards_of_closure(case, 2),
        )

    assert await b.uow.run(look) == ({(event, person)}, 1, 0, 0, [award.id], [award.id], [])
    assert await b.uow.run(lambda tx: tx.ledger.reversed_awards([award.id])) == set()
    await b.uow.run(lambda tx: tx.ledger.post(reversal))
    assert await b.uow.run(lambda tx: tx.ledger.reversed_awards([award.id])) == {award.id}
    # reversals are not awards of the closing
    assert [e.id for e in await b.uow.run(lambda tx: tx.ledger.awards_of_closure(case, 1))] == [
        award.id
    ]


async def ledger_keeps_one_entry_per_event_and_person(b: Backend) -> None:
    person, event = uid("p-"), uid("ev-")
    await b.uow.run(
        lambda tx: tx.ledger.post_credits([entry(person, 2, source_event_id=event)], home_paths={})
    )
    with pytest.raises(AlreadyRecorded):
        await b.replay_uow.run(
            lambda tx: tx.ledger.post_credits(
                [entry(person, 2, source_event_id=event)], home_paths={}
            )
        )
    account = await b.uow.run(lambda tx: tx.ledger.account(person))
    assert account is not None
    assert account.balance == 2


# -- rewards and redemptions -------------------------------------------------------------------


async def rewards_names_are_unique_per_catalog(b: Backend) -> None:
    unit = uid("c-")
    towel, soap = reward(unit, "Towel"), reward(unit, "Soap")
    await b.uow.run(lambda tx: tx.rewards.insert(towel))
    await b.uow.run(lambda tx: tx.rewards.insert(soap))
    await b.uow.run(lambda tx: tx.rewards.insert(reward(uid("other-"), "Towel")))
    with pytest.raises(RewardNameTaken):
        await b.uow.run(lambda tx: tx.rewards.insert(reward(unit, "Towel")))
    with pytest.raises(RewardNameTaken):
        await b.uow.run(lambda tx: tx.rewards.update(soap.id, RewardChanges(name="Towel")))
    assert await b.uow.run(lambda tx: tx.rewards.get(towel.id)) == towel


async def rewards_update_changes_only_what_is_given(b: Backend) -> None:
    towel = reward(uid("c-"))
    await b.uow.run(lambda tx: tx.rewards.insert(towel))
    updated = await b.uow.run(lambda tx: tx.rewards.update(towel.id, RewardChanges(cost=9)))
    assert updated is not None
    assert (updated.name, updated.cost, updated.active) == (towel.name, 9, True)
    off = await b.uow.run(lambda tx: tx.rewards.update(towel.id, RewardChanges(active=False)))
    assert off is not None
    assert (off.cost, off.active) == (9, False)
    assert await b.uow.run(lambda tx: tx.rewards.update("nope", RewardChanges(cost=1))) is None
    assert await b.uow.run(lambda tx: tx.rewards.get(towel.id)) == off


async def rewards_stock_is_taken_only_while_there_is_some(b: Backend) -> None:
    towel = reward(uid("c-"), stock=2)
    await b.uow.run(lambda tx: tx.rewards.insert(towel))
    assert await b.uow.run(lambda tx: tx.rewards.change_stock(towel.id, -3)) is None
    taken = await b.uow.run(lambda tx: tx.rewards.change_stock(towel.id, -2))
    assert taken is not None
    assert taken.stock == 0
    restocked = await b.uow.run(lambda tx: tx.rewards.change_stock(towel.id, 4))
    assert restocked is not None
    assert restocked.stock == 4
    await b.uow.run(lambda tx: tx.rewards.update(towel.id, RewardChanges(active=False)))
    assert await b.uow.run(lambda tx: tx.rewards.change_stock(towel.id, -1)) is None
    back = await b.uow.run(lambda tx: tx.rewards.change_stock(towel.id, 1))  # a refund
    assert back is not None
    assert back.stock == 5
    assert await b.uow.run(lambda tx: tx.rewards.change_stock("nope", 1)) is None


async def redemptions_leave_requested_once(b: Backend) -> None:
    made = Redemption(
        id=RedemptionId(uid("rd-")),
        person_id=PersonId(uid("p-")),
        reward_id=RewardId("rw"),
        reward_name="Towel",
        org_unit_id="c1",
        org_unit_path=("d1", "c1"),
        quantity=2,
        cost=10,
        status=RedemptionStatus.REQUESTED,
        at=T0,
        updated_at=T0,
    )
    await b.uow.run(lambda tx: tx.redemptions.insert(made))
    assert await b.uow.run(lambda tx: tx.redemptions.get(made.id)) == made
    done = await b.uow.run(
        lambda tx: tx.redemptions.leave_requested(made.id, RedemptionStatus.FULFILLED, "staff")
    )
    assert done is not None
    assert (done.status, done.handled_by, done.quantity) == (RedemptionStatus.FULFILLED, "staff", 2)
    again = await b.uow.run(
        lambda tx: tx.redemptions.leave_requested(made.id, RedemptionStatus.CANCELLED, "staff")
    )
    assert again is None
    assert await b.uow.run(lambda tx: tx.redemptions.get("nope")) is None


# -- rules, withheld awards ----------------------------------------------------------------------


async def rules_replace_the_rule_of_the_same_selector(b: Backend) -> None:
    event_type = f"x.{uid('t')}"
    first = await b.uow.run(lambda tx: tx.rules.put(rule(event_type, 5)))
    chiefs = await b.uow.run(lambda tx: tx.rules.put(rule(event_type, 8, role="NEIGHBOR_CHIEF")))
    replaced = await b.uow.run(lambda tx: tx.rules.put(rule(event_type, 7)))
    assert replaced.id == first.id
    assert replaced.points == 7
    found = await b.uow.run(lambda tx: tx.rules.for_event_types({event_type, "other.type"}))
    assert sorted((r.id, r.points) for r in found) == sorted([(first.id, 7), (chiefs.id, 8)])
    assert await b.uow.run(lambda tx: tx.rules.get(chiefs.id)) == chiefs
    assert await b.uow.run(lambda tx: tx.rules.delete(chiefs.id)) is True
    assert await b.uow.run(lambda tx: tx.rules.delete(chiefs.id)) is False
    assert await b.uow.run(lambda tx: tx.rules.get(chiefs.id)) is None


async def withheld_keeps_one_reason_per_event_and_person(b: Backend) -> None:
    event, person = uid("ev-"), PersonId(uid("p-"))
    occasion = Occasion(
        rule_event_type="visit.logged",
        person_id=person,
        source_event_id=event,
        source_event_type="visit.logged",
        at=T0,
        org_unit_id="c1",
        org_unit_path=("d1", "c1"),
    )
    award = Award(occasion=occasion, rule=rule("visit.logged", 3), points=3)
    await b.uow.run(lambda tx: tx.withheld.record([Withheld(award, "nobody confirmed it")], T0))
    await b.uow.run(lambda tx: tx.withheld.record([Withheld(award, "over the cap")], T0))
    await b.uow.run(lambda tx: tx.withheld.record([], T0))
    assert await b.uow.run(lambda tx: tx.withheld.reasons(event)) == {person: "over the cap"}
    assert await b.uow.run(lambda tx: tx.withheld.reasons(uid("other-"))) == {}


# -- what points saw of cases, people and events ---------------------------------------------------


def closing(
    case_id: str,
    closure: int,
    handlers: tuple[Handler, ...] = (Handler(PersonId("chief"), "NEIGHBOR_CHIEF"),),
    path: tuple[str, ...] = ("d1", "c1"),
    closed_at: datetime | None = T0,
) -> CaseClosed:
    return CaseClosed(
        case_id=case_id,
        number=None,
        closure=closure,
        org_unit_id=path[-1],
        org_unit_path=path,
        category=None,
        priority=None,
        level=None,
        handlers=handlers,
        order_taker_id=None,
        rating=None,
        met_deadline=None,
        closed_at=closed_at,
    )


async def cases_seen_remember_closings_reopenings_and_takers(b: Backend) -> None:
    case, late = uid("case-"), uid("case-")
    await b.uow.run(lambda tx: tx.cases_seen.record_closings([(closing(case, 1), "ev1", T0)]))
    await b.uow.run(lambda tx: tx.cases_seen.record_reopened(late, 1))  # before its closing
    await b.uow.run(lambda tx: tx.cases_seen.record_reopened(case, 1))
    await b.uow.run(lambda tx: tx.cases_seen.record_closings([(closing(case, 2), "ev2", T0)]))
    states = await b.uow.run(
        lambda tx: tx.cases_seen.closure_states([(case, 1), (case, 2), (late, 1), (late, 2)])
    )
    assert states == {
        (case, 1): ClosureState.REOPENED,
        (case, 2): ClosureState.CLOSED,
        (late, 1): ClosureState.REOPENED,
    }
    await b.uow.run(lambda tx: tx.cases_seen.record_taker(case, PersonId("volunteer")))
    assert await b.uow.run(lambda tx: tx.cases_seen.takers([case, late])) == {case: "volunteer"}


async def people_homes_are_where_people_live(b: Backend) -> None:
    here, unknown = uid("p-"), uid("p-")
    await b.given_home(here, ("d1", "c1", "n1"))
    assert await b.uow.run(lambda tx: tx.people.home(here)) == ("d1", "c1", "n1")
    assert await b.uow.run(lambda tx: tx.people.home(unknown)) == ()
    assert await b.uow.run(lambda tx: tx.people.homes([here, unknown])) == {
        here: ("d1", "c1", "n1")
    }


async def received_events_are_kept_once_and_replayed_in_time_order(b: Backend) -> None:
    kind = f"x.{uid('t')}"

    def event(minutes: int) -> CloudEvent:
        return CloudEvent(
            id=uid("ev-"),
            type=kind,
            source="/cases",
            subject="s",
            time=T0 + timedelta(minutes=minutes),
            data={"n": minutes},
            dataversion="1",
        )

    late, early = event(5), event(1)
    await b.uow.run(lambda tx: tx.received.keep_many([late, early]))
    await b.uow.run(lambda tx: tx.received.keep_many([late]))
    replayed = [e async for e in b.received.replay({kind})]
    assert [(e.id, e.time, dict(e.data)) for e in replayed] == [
        (early.id, early.time, {"n": 1}),
        (late.id, late.time, {"n": 5}),
    ]


# -- the graph's reads --------------------------------------------------------------------------


async def ledger_reads_accounts_and_pages_entries_newest_first(b: Backend) -> None:
    a, c = uid("a-"), uid("c-")
    later = T0 + timedelta(minutes=1)
    postings = [entry(a, 2), entry(a, 3), entry(a, 4, at=later), entry(c, 1)]
    await b.uow.run(lambda tx: tx.ledger.post_credits(postings, home_paths={}))
    accounts = await b.ledger.accounts([a, c, a, "nobody"])
    assert sorted(accounts) == sorted([a, c])
    assert (accounts[a].balance, accounts[c].balance) == (9, 1)

    newest = postings[2]
    tied = sorted(postings[:2], key=lambda e: e.id, reverse=True)
    first = await b.ledger.page(a, 2, None)
    assert [e.id for e in first.items] == [newest.id, tied[0].id]
    assert (first.has_next, first.has_previous, first.total_count) == (True, False, 3)
    rest = await b.ledger.page(a, 2, entry_key(first.items[-1]))
    assert [e.id for e in rest.items] == [tied[1].id]
    assert (rest.has_next, rest.has_previous, rest.total_count) == (False, True, 3)
    assert rest.items[0].balance_after is not None


async def reward_reads_page_a_subtree_by_name(b: Backend) -> None:
    unit = uid("c-")
    soap, towel, cup = reward(unit, "Soap"), reward(unit, "Towel"), reward(unit, "Cup")
    elsewhere = reward(uid("other-"), "Apple")
    for r in (soap, towel, cup, elsewhere):
        await b.uow.run(lambda tx, r=r: tx.rewards.insert(r))
    await b.uow.run(lambda tx: tx.rewards.update(soap.id, RewardChanges(active=False)))

    found = await b.rewards.get_many([towel.id, cup.id, "nope"])
    assert found == {towel.id: towel, cup.id: cup}
    first = await b.rewards.page(unit, False, 2, None)
    assert [r.name for r in first.items] == ["Cup", "Soap"]
    assert (first.has_next, first.total_count) == (True, 3)
    rest = await b.rewards.page(unit, False, 2, reward_key(first.items[-1]))
    assert [r.name for r in rest.items] == ["Towel"]
    assert (rest.has_next, rest.has_previous) == (False, True)
    offered = await b.rewards.page("d1", True, 10, None)  # the district holds both catalogs
    assert [r.name for r in offered.items] == ["Apple", "Cup", "Towel"]
    assert offered.total_count == 3


async def redemption_reads_page_what_the_query_selects_newest_first(b: Backend) -> None:
    unit, person, other = uid("c-"), uid("p-"), uid("p-")

    def made(who: str, minutes: int, status: RedemptionStatus, where: str = unit) -> Redemption:
        at = T0 + timedelta(minutes=minutes)
        return Redemption(
            id=RedemptionId(uid("rd-")),
            person_id=PersonId(who),
            reward_id=RewardId("rw"),
            reward_name="Towel",
            org_unit_id=where,
            org_unit_path=("d1", where),
            quantity=1,
            cost=5,
            status=status,
            at=at,
            updated_at=at,
        )

    old, new, done = (
        made(person, 0, RedemptionStatus.REQUESTED),
        made(person, 2, RedemptionStatus.REQUESTED),
        made(other, 1, RedemptionStatus.FULFILLED),
    )
    away = made(person, 3, RedemptionStatus.REQUESTED, uid("other-"))
    for r in (old, new, done, away):
        await b.uow.run(lambda tx, r=r: tx.redemptions.insert(r))

    in_unit = await b.redemptions.page(RedemptionQuery(within=unit), 2, None)
    assert [r.id for r in in_unit.items] == [new.id, done.id]
    assert (in_unit.has_next, in_unit.total_count) == (True, 3)
    rest = await b.redemptions.page(RedemptionQuery(within=unit), 2, redemption_key(done))
    assert [r.id for r in rest.items] == [old.id]
    mine = await b.redemptions.page(RedemptionQuery(person_id=person), 10, None)
    assert [r.id for r in mine.items] == [away.id, new.id, old.id]
    waiting = RedemptionQuery(within=unit, status=RedemptionStatus.REQUESTED)
    assert [r.id for r in (await b.redemptions.page(waiting, 10, None)).items] == [new.id, old.id]


async def rule_reads_list_every_rule_by_event_type_and_selector(b: Backend) -> None:
    late, early = f"y.{uid('t')}", f"x.{uid('t')}"
    put = [rule(late, 1), rule(early, 2, role="NEIGHBOR_CHIEF"), rule(early, 3)]
    for r in put:
        await b.uow.run(lambda tx, r=r: tx.rules.put(r))
    assert [(r.selector.event_type, r.points) for r in await b.rules.all()] == [
        (early, 3),  # "x...|*|..." sorts before "x...|...|NEIGHBOR_CHIEF|..."
        (early, 2),
        (late, 1),
    ]


async def org_units_find_the_unit_of_a_kind_on_a_path(b: Backend) -> None:
    district, community = uid("d-"), uid("c-")
    await b.given_org_unit(ProjectedOrgUnit(district, "DISTRICT", "North", ()))
    await b.given_org_unit(
        ProjectedOrgUnit(community, "COMMUNITY", "Harbour", (district,), district)
    )
    path = (district, community, uid("n-"))
    found = await b.org_units.first_of_kind(path, "COMMUNITY")
    assert found is not None
    assert (found.id, found.name, found.path, found.parent_id) == (
        community,
        "Harbour",
        (district,),
        district,
    )
    assert await b.org_units.first_of_kind(path[:1], "COMMUNITY") is None
    assert await b.org_units.get(district) == ProjectedOrgUnit(district, "DISTRICT", "North", ())
    assert await b.org_units.get(uid("nope-")) is None


# -- the reads behind leaderboards and recognition ---------------------------------------------


async def standings_rank_what_was_earned_in_a_subtree_and_period(b: Backend) -> None:
    unit = uid("c-")
    path = ("d1", unit, "n1")
    a, c, d, e, outside = (uid(f"{n}-") for n in "acdeo")
    day = timedelta(days=1)
    postings = [
        entry(a, 9, org_unit_path=path, earned_at=T0),
        entry(c, 5, org_unit_path=path, earned_at=T0),
        entry(d, 5, org_unit_path=path, earned_at=T0),
        entry(e, 4, org_unit_path=path, earned_at=T0 - 30 * day),  # earlier period
        entry(outside, 50, org_unit_path=("d1", "elsewhere"), earned_at=T0),
    ]
    await b.uow.run(lambda tx: tx.ledger.post_credits(postings, home_paths={}))
    # spending is not un-earning; an adjustment is
    await b.uow.run(lambda tx: tx.ledger.post(entry(a, -9, org_unit_path=path)))
    await b.uow.run(
        lambda tx: tx.ledger.post(
            entry(c, -1, kind=EntryKind.ADJUSTMENT, org_unit_path=path, earned_at=T0)
        )
    )
    week = Period(T0 - day, T0 + day)

    assert await b.standings.top(unit, week, 10) == [
        Standing(a, 9, 1),
        Standing(d, 5, 2),
        Standing(c, 4, 3),
    ]
    assert await b.standings.top(unit, week, 1) == [Standing(a, 9, 1)]
    assert [s.person_id for s in await b.standings.top(unit, Period(None, None), 10)] == [
        a,
        d,
        c,
        e,
    ]
    assert await b.standings.top(unit, week, 10, among=[c, d]) == [
        Standing(d, 5, 1),
        Standing(c, 4, 2),
    ]


async def standings_share_a_rank_when_tied(b: Backend) -> None:
    unit = uid("c-")
    people = sorted(uid("p-") for _ in range(3))
    credits = [
        entry(p, n, org_unit_path=(unit,), earned_at=T0)
        for p, n in zip(people, (3, 3, 1), strict=True)
    ]
    await b.uow.run(lambda tx: tx.ledger.post_credits(credits, home_paths={}))
    ranks = [s.rank for s in await b.standings.top(unit, Period(None, None), 10)]
    assert ranks == [1, 1, 3]
    ever = Period(None, None)
    assert [await b.standings.rank(p, unit, ever) for p in people] == [1, 1, 3]
    assert await b.standings.rank(uid("nobody-"), unit, ever) is None
    assert await b.standings.rank(people[0], unit, Period(T0 + timedelta(days=1), None)) is None


async def role_holders_are_active_assignments_in_the_subtree(b: Backend) -> None:
    unit = uid("c-")
    chief, revoked, elsewhere, staff = (uid(f"{n}-") for n in "crew")
    await b.given_role(uid("ra-"), chief, "NEIGHBOR_CHIEF", ("d1", unit, "n1"), True)
    await b.given_role(uid("ra-"), revoked, "NEIGHBOR_CHIEF", ("d1", unit, "n2"), False)
    await b.given_role(uid("ra-"), elsewhere, "NEIGHBOR_CHIEF", ("d1", "other", "n1"), True)
    await b.given_role(uid("ra-"), staff, "COMMUNITY_STAFF", ("d1", unit), True)
    assert await b.role_holders.holders("NEIGHBOR_CHIEF", unit) == {chief}


async def handled_cases_count_standing_closings_in_a_period(b: Backend) -> None:
    unit = uid("c-")
    chief, grid = uid("chief-"), uid("grid-")
    both = (Handler(PersonId(chief), "NEIGHBOR_CHIEF"), Handler(PersonId(grid), "GRID_MEMBER"))
    path = ("d1", unit)
    first, second, reopened, old = (uid("case-") for _ in range(4))
    closings = [
        (closing(first, 1, both, path), "e1", T0),
        (closing(first, 2, both, path), "e2", T0),  # closed again: still one case
        (closing(second, 1, both[:1], path), "e3", T0),
        (closing(reopened, 1, both, path), "e4", T0),
        (closing(old, 1, both, path, closed_at=T0 - timedelta(days=400)), "e5", T0),
    ]
    await b.uow.run(lambda tx: tx.cases_seen.record_closings(closings))
    await b.uow.run(lambda tx: tx.cases_seen.record_reopened(reopened, 1))
    year = (T0 - timedelta(days=100), T0 + timedelta(days=100))

    assert await b.handled.handled_counts([chief, grid, "nobody"], *year) == {chief: 2, grid: 1}
    # whoever handled a closing in the period in that role, reopened or not
    assert await b.handled.chiefs_who_handled("NEIGHBOR_CHIEF", unit, *year) == {chief}
    assert await b.handled.chiefs_who_handled("GRID_MEMBER", unit, *year) == {grid}
    assert await b.handled.chiefs_who_handled("NEIGHBOR_CHIEF", "other", *year) == set()


CONTRACTS: list[Callable[[Backend], Awaitable[None]]] = [
    ledger_credit_opens_an_account_at_its_home,
    ledger_debit_never_goes_below_zero,
    ledger_credits_run_balances_in_order,
    ledger_finds_awards_by_event_period_and_closure,
    ledger_keeps_one_entry_per_event_and_person,
    rewards_names_are_unique_per_catalog,
    rewards_update_changes_only_what_is_given,
    rewards_stock_is_taken_only_while_there_is_some,
    redemptions_leave_requested_once,
    rules_replace_the_rule_of_the_same_selector,
    withheld_keeps_one_reason_per_event_and_person,
    cases_seen_remember_closings_reopenings_and_takers,
    people_homes_are_where_people_live,
    received_events_are_kept_once_and_replayed_in_time_order,
    ledger_reads_accounts_and_pages_entries_newest_first,
    reward_reads_page_a_subtree_by_name,
    redemption_reads_page_what_the_query_selects_newest_first,
    rule_reads_list_every_rule_by_event_type_and_selector,
    org_units_find_the_unit_of_a_kind_on_a_path,
    standings_rank_what_was_earned_in_a_subtree_and_period,
    standings_share_a_rank_when_tied,
    role_holders_are_active_assignments_in_the_subtree,
    handled_cases_count_standing_closings_in_a_period,
]
