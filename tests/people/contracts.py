"""What every implementation of people's store protocols (`handlers/ports.py`) must do.

Each check takes a `Harness`: the ports under test and a way to put records in place that the
protocols themselves do not write. tests/people/unit runs them on the in-memory fakes,
tests/people/integration on the MongoDB adapters; the assertions are the same.
Times are whole milliseconds, which is what MongoDB keeps.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Protocol, TypeVar

import pytest
from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.commitments import Commitment, CommitmentStatus
from grassroots_people.domain.ids import (
    CommitmentId,
    HouseholdId,
    OrgUnitId,
    PersonId,
    VisitId,
    new_commitment_id,
    new_household_id,
    new_person_id,
    new_visit_id,
)
from grassroots_people.domain.listing import commitment_key
from grassroots_people.domain.people import Household, Person
from grassroots_people.domain.visits import Visit
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx

T = TypeVar("T")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DISTRICT, STREET, OTHER = OrgUnitId("ou-d"), OrgUnitId("ou-s"), OrgUnitId("ou-o")


class Harness(Protocol):
    ports: PeoplePorts

    async def seed_person(self, person: Person) -> None: ...

    async def seed_household(self, household: Household) -> None: ...


def person(household_id: HouseholdId | None = None, name: str = "Li Wei") -> Person:
    return Person(
        id=new_person_id(),
        name=name,
        phone=None,
        household_id=household_id,
        org_unit_id=STREET,
        org_unit_path=(DISTRICT, STREET),
        party_member=True,
        version=1,
        created_at=NOW,
    )


def household(address: str = "1 Long Road") -> Household:
    return Household(
        id=new_household_id(),
        address=address,
        org_unit_id=STREET,
        org_unit_path=(DISTRICT, STREET),
        care_level=CareLevel.YELLOW,
        needs=("shopping",),
        care_since=NOW,
        last_visit_at=None,
        next_visit_due=NOW + timedelta(days=30),
        created_at=NOW,
    )


def commitment(
    due_by: datetime,
    *,
    path: tuple[OrgUnitId, ...] = (DISTRICT, STREET),
    id: CommitmentId | None = None,
) -> Commitment:
    return Commitment(
        id=id or new_commitment_id(),
        person_id=PersonId("p-1"),
        text="Fix the gate",
        due_by=due_by,
        status=CommitmentStatus.PROMISED,
        fulfilled_at=None,
        evidence=None,
        org_unit_id=path[-1],
        org_unit_path=path,
        created_at=NOW,
    )


def visit(visitor: str, household_id: str, at: datetime, id: VisitId | None = None) -> Visit:
    return Visit(
        id=id or new_visit_id(),
        household_id=HouseholdId(household_id),
        visitor_id=PersonId(visitor),
        at=at,
        notes="All well",
        care_level=CareLevel.YELLOW,
        org_unit_id=STREET,
        org_unit_path=(DISTRICT, STREET),
    )


async def in_tx(h: Harness, work: Callable[[PeopleTx], Awaitable[T]]) -> T:
    return await h.ports.uow.run(work)


async def persons_are_read_back(h: Harness) -> None:
    someone = person(HouseholdId("h-1"))
    await h.seed_person(someone)

    async def work(tx: PeopleTx) -> tuple[Person | None, Person | None]:
        return await tx.persons.get(someone.id), await tx.persons.get("nobody")

    assert await in_tx(h, work) == (someone, None)


async def households_are_saved_and_counted(h: Harness) -> None:
    home = household()
    await h.seed_household(home)
    changed = replace(home, care_level=CareLevel.RED, last_visit_at=NOW, needs=())
    ghost = household("2 Nowhere Lane")

    async def work(tx: PeopleTx) -> tuple[Household | None, Household | None]:
        await tx.households.count_visit_logged(home.id)
        await tx.households.save(changed)
        await tx.households.save(ghost)  # saving one that was never stored creates nothing
        return await tx.households.get(home.id), await tx.households.get(ghost.id)

    assert await in_tx(h, work) == (changed, None)


async def commitments_are_inserted_and_saved(h: Harness) -> None:
    promise = commitment(NOW + timedelta(days=3))
    claimed = replace(promise, claimed_at=NOW, evidence="Photo")

    async def insert(tx: PeopleTx) -> Commitment | None:
        await tx.commitments.insert(promise)
        return await tx.commitments.get(promise.id)

    async def save(tx: PeopleTx) -> tuple[Commitment | None, Commitment | None]:
        await tx.commitments.save(claimed)
        return await tx.commitments.get(promise.id), await tx.commitments.get("none")

    assert await in_tx(h, insert) == promise
    assert await in_tx(h, save) == (claimed, None)


async def a_failed_transaction_leaves_nothing(h: Harness) -> None:
    promise = commitment(NOW + timedelta(days=3))

    async def work(tx: PeopleTx) -> None:
        await tx.commitments.insert(promise)
        raise RuntimeError("the handler failed")

    with pytest.raises(RuntimeError, match="the handler failed"):
        await in_tx(h, work)

    async def read(tx: PeopleTx) -> Commitment | None:
        return await tx.commitments.get(promise.id)

    assert await in_tx(h, read) is None


async def visits_are_found_near_a_time(h: Harness) -> None:
    window = timedelta(hours=24)
    near = visit("p-1", "h-1", NOW - timedelta(hours=23))
    edge = visit("p-1", "h-1", NOW + window)  # exactly at the edge: outside
    others = [
        visit("p-2", "h-1", NOW),  # another visitor
        visit("p-1", "h-2", NOW),  # another household
    ]

    async def insert(tx: PeopleTx) -> None:
        for v in (near, edge, *others):
            await tx.visits.insert(v)

    async def read(tx: PeopleTx) -> tuple[list[datetime], Visit | None, Visit | None]:
        await tx.visits.save(replace(near, confirmed_by=PersonId("p-9"), confirmed_at=NOW))
        return (
            await tx.visits.times_near("p-1", "h-1", NOW, window),
            await tx.visits.get(near.id),
            await tx.visits.get("none"),
        )

    await in_tx(h, insert)
    times, saved, missing = await in_tx(h, read)
    assert times == [near.at]
    assert saved == replace(near, confirmed_by=PersonId("p-9"), confirmed_at=NOW)
    assert missing is None


async def the_board_counts_a_subtree(h: Harness) -> None:
    fulfilled = replace(
        commitment(NOW + timedelta(days=1)),
        status=CommitmentStatus.FULFILLED,
        fulfilled_at=NOW,
    )
    overdue = commitment(NOW - timedelta(days=1))  # lapsed, though not swept yet
    claimed = replace(commitment(NOW - timedelta(days=1)), claimed_at=NOW - timedelta(days=2))
    open_ = commitment(NOW + timedelta(days=5), path=(DISTRICT,))
    elsewhere = commitment(NOW + timedelta(days=5), path=(OTHER,))

    async def insert(tx: PeopleTx) -> None:
        for c in (fulfilled, overdue, claimed, open_, elsewhere):
            await tx.commitments.insert(c)

    await in_tx(h, insert)
    board = await h.ports.commitments.board(DISTRICT, NOW)
    assert (board.made, board.fulfilled, board.lapsed, board.promised) == (4, 1, 1, 2)
    street = await h.ports.commitments.board(STREET, NOW)
    assert (street.made, street.fulfilled, street.lapsed) == (3, 1, 1)
    assert (await h.ports.commitments.board("nowhere", NOW)).made == 0


async def commitments_page_soonest_due_first(h: Harness) -> None:
    due = NOW + timedelta(days=2)
    same_a = commitment(due, id=CommitmentId("c-a"))
    same_b = commitment(due, id=CommitmentId("c-b"))
    later = commitment(NOW + timedelta(days=9))
    sooner = commitment(NOW + timedelta(days=1))
    elsewhere = commitment(NOW, path=(OTHER,))

    async def insert(tx: PeopleTx) -> None:
        for c in (later, same_b, sooner, same_a, elsewhere):
            await tx.commitments.insert(c)

    await in_tx(h, insert)
    first = await h.ports.commitments.page(DISTRICT, 2, None)
    assert [c.id for c in first.items] == [sooner.id, same_a.id]
    assert (first.has_next, first.has_previous, first.total_count) == (True, False, 4)
    second = await h.ports.commitments.page(DISTRICT, 2, commitment_key(first.items[-1]))
    assert [c.id for c in second.items] == [same_b.id, later.id]
    assert (second.has_next, second.has_previous, second.total_count) == (False, True, 4)


async def overdue_promises_lapse_unless_claimed(h: Harness) -> None:
    overdue = commitment(NOW - timedelta(hours=1))
    claimed = replace(commitment(NOW - timedelta(hours=1)), claimed_at=NOW - timedelta(days=1))
    not_yet = commitment(NOW + timedelta(hours=1))

    async def insert(tx: PeopleTx) -> None:
        for c in (overdue, claimed, not_yet):
            await tx.commitments.insert(c)

    async def statuses(tx: PeopleTx) -> list[CommitmentStatus | None]:
        found = [await tx.commitments.get(c.id) for c in (overdue, claimed, not_yet)]
        return [c.status if c else None for c in found]

    await in_tx(h, insert)
    assert await h.ports.commitments.lapse_overdue(NOW) == 1
    assert await h.ports.commitments.lapse_overdue(NOW) == 0
    assert await in_tx(h, statuses) == [
        CommitmentStatus.LAPSED,
        CommitmentStatus.PROMISED,
        CommitmentStatus.PROMISED,
    ]


CHECKS: list[Callable[[Harness], Awaitable[None]]] = [
    persons_are_read_back,
    households_are_saved_and_counted,
    commitments_are_inserted_and_saved,
    a_failed_transaction_leaves_nothing,
    visits_are_found_near_a_time,
    the_board_counts_a_subtree,
    commitments_page_soonest_due_first,
    overdue_promises_lapse_unless_claimed,
]
