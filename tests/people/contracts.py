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
from typing import Any, Protocol, TypeVar

import pytest
from grassroots_kit.errors import Conflict
from grassroots_people.adapters.credentials import RefreshRecord
from grassroots_people.domain.care import CareLevel, CareRow
from grassroots_people.domain.commitments import Commitment, CommitmentStatus
from grassroots_people.domain.granting import OrganizationTies
from grassroots_people.domain.ids import (
    CommitmentId,
    HouseholdId,
    OrganizationId,
    OrgUnitId,
    PersonId,
    VisitId,
    new_commitment_id,
    new_household_id,
    new_org_unit_id,
    new_organization_id,
    new_person_id,
    new_role_assignment_id,
    new_visit_id,
)
from grassroots_people.domain.listing import commitment_key
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind
from grassroots_people.domain.organizations import Membership, Organization, OrganizationKind
from grassroots_people.domain.people import Household, Person
from grassroots_people.domain.roles import Role, RoleAssignment
from grassroots_people.domain.throttle import Counter
from grassroots_people.domain.visits import Visit
from grassroots_people.handlers.ports import PeoplePorts, PeopleTx

T = TypeVar("T")
NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
DISTRICT, STREET, OTHER = OrgUnitId("ou-d"), OrgUnitId("ou-s"), OrgUnitId("ou-o")


class Harness(Protocol):
    ports: PeoplePorts

    async def seed_person(self, person: Person) -> None: ...

    async def seed_household(self, household: Household) -> None: ...

    async def seed_org_unit(self, unit: OrgUnit) -> None: ...

    async def password_hash_of(self, person_id: str) -> str | None: ...

    async def seed_organization(self, organization: Organization, paired: list[str]) -> None: ...


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


async def persons_are_inserted_with_unique_phones(h: Harness) -> None:
    first = replace(person(), phone="13800000001")
    second = replace(person(name="Zhang San"), phone="13800000002")
    taken = replace(person(name="Wang Wu"), phone="13800000001")
    no_phone = [person(name="A"), person(name="B")]  # any number of people without a phone

    async def insert(tx: PeopleTx) -> None:
        await tx.persons.insert_many([first, second, *no_phone])

    async def insert_taken(tx: PeopleTx) -> None:
        await tx.persons.insert_many([person(name="Fresh"), taken])

    async def move_onto_taken(tx: PeopleTx) -> None:
        await tx.persons.save(replace(second, phone="13800000001", version=2))

    async def moved(tx: PeopleTx) -> list[Person | None]:
        await tx.persons.save(replace(second, name="Zhang Si", version=2))
        return [await tx.persons.get(p.id) for p in (first, second, taken)]

    await in_tx(h, insert)
    with pytest.raises(Conflict, match="phone number"):
        await in_tx(h, insert_taken)
    with pytest.raises(Conflict, match="phone number"):
        await in_tx(h, move_onto_taken)
    assert await in_tx(h, moved) == [first, replace(second, name="Zhang Si", version=2), None]


async def password_hashes_are_set_and_replaced(h: Harness) -> None:
    async def set_twice(tx: PeopleTx) -> None:
        await tx.credentials.set_password_hash("p-1", "first", NOW)
        await tx.credentials.set_password_hash("p-2", "other", NOW)
        await tx.credentials.set_password_hash("p-1", "second", NOW)

    await in_tx(h, set_twice)
    assert await h.password_hash_of("p-1") == "second"
    assert await h.password_hash_of("p-2") == "other"
    assert await h.password_hash_of("p-3") is None


async def persons_are_found_by_phone_and_their_passwords_read(h: Harness) -> None:
    someone = replace(person(), phone="13800000005")
    await h.seed_person(someone)

    async def set_hash(tx: PeopleTx) -> None:
        await tx.credentials.set_password_hash(someone.id, "hashed", NOW)

    await in_tx(h, set_hash)
    assert await h.ports.phone_book.by_phone("13800000005") == someone
    assert await h.ports.phone_book.by_phone("13800000006") is None
    assert await h.ports.passwords.password_hash(someone.id) == "hashed"
    assert await h.ports.passwords.password_hash("nobody") is None


async def login_attempts_count_in_rounds_and_lock(h: Harness) -> None:
    attempts, window = h.ports.attempts, timedelta(minutes=15)
    key = f"phone:{new_person_id()}"

    assert await attempts.count_attempt(key, window, NOW) == Counter(1, 0, NOW + window)
    later = NOW + timedelta(minutes=1)
    assert await attempts.count_attempt(key, window, later) == Counter(2, 0, NOW + window)
    await attempts.take_back(key)
    assert await attempts.count_attempt(key, window, later) == Counter(2, 0, NOW + window)

    until = later + timedelta(minutes=5)
    await attempts.lock(key, until)
    assert await attempts.count_attempt(key, window, later) == Counter(3, 1, until)
    # a new round once the lock is over; the strike is remembered
    assert await attempts.count_attempt(key, window, until) == Counter(1, 1, until + window)

    await attempts.forgive(key)
    assert await attempts.count_attempt(key, window, until) == Counter(1, 0, until + window)
    other = f"address:{new_person_id()}"
    await attempts.take_back(other)  # nothing counted: nothing to take back
    assert await attempts.count_attempt(other, window, NOW) == Counter(1, 0, NOW + window)


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


def unit(name: str = "Yichun", parent: OrgUnit | None = None) -> OrgUnit:
    return OrgUnit(
        id=new_org_unit_id(),
        kind=OrgUnitKind.COMMUNITY if parent else OrgUnitKind.DISTRICT,
        name=name,
        parent_id=parent.id if parent else None,
        path=parent.path_with_self if parent else (),
        version=1,
        created_at=NOW,
    )


def assignment(
    role: Role = Role.GRID_MEMBER,
    *,
    person_id: str = "p-1",
    org_unit_id: OrgUnitId = STREET,
    since: datetime = NOW - timedelta(days=1),
    until: datetime | None = None,
    organization_id: str | None = None,
) -> RoleAssignment:
    return RoleAssignment(
        id=new_role_assignment_id(),
        person_id=PersonId(person_id),
        role=role,
        org_unit_id=org_unit_id,
        org_unit_path=(DISTRICT, org_unit_id),
        organization_id=OrganizationId(organization_id) if organization_id else None,
        since=since,
        until=until,
        granted_by=PersonId("p-0"),
    )


async def org_units_are_read_back(h: Harness) -> None:
    top = unit("Shibei")
    below = unit("Yichun", top)
    await h.seed_org_unit(top)
    await h.seed_org_unit(below)

    async def work(tx: PeopleTx) -> list[OrgUnit | None]:
        return [await tx.org_units.get(u) for u in (top.id, below.id, "none")]

    assert await in_tx(h, work) == [top, below, None]


async def org_units_are_inserted_replaced_and_found_below(h: Harness) -> None:
    top = unit(f"Shibei {new_org_unit_id()}")  # roots share one namespace of names
    middle = unit("Yichun", top)
    bottom = unit("Grid 1", middle)
    sibling = unit("Taohuayuan", top)

    async def insert(tx: PeopleTx) -> None:
        for u in (top, middle, bottom, sibling):
            await tx.org_units.insert(u)

    await in_tx(h, insert)
    with pytest.raises(Conflict) as taken:
        await in_tx(h, lambda tx: tx.org_units.insert(unit("Yichun", top)))
    assert taken.value.extensions["field"] == "name"
    below = await in_tx(h, lambda tx: tx.org_units.subtree(top.id))
    assert sorted(u.id for u in below[:2]) == sorted([middle.id, sibling.id])
    assert below[2] == bottom  # shallowest first

    renamed = replace(middle, name="Yichun East", version=2)
    await in_tx(h, lambda tx: tx.org_units.replace(renamed))
    assert await in_tx(h, lambda tx: tx.org_units.get(middle.id)) == renamed
    with pytest.raises(Conflict) as stale:  # still at version 1 in this copy
        await in_tx(h, lambda tx: tx.org_units.replace(replace(middle, name="Late", version=2)))
    assert stale.value.extensions["field"] == "id"
    with pytest.raises(Conflict) as clash:
        await in_tx(
            h, lambda tx: tx.org_units.replace(replace(sibling, name="Yichun East", version=2))
        )
    assert clash.value.extensions["field"] == "name"


async def what_is_placed_below_a_moved_unit_follows_it(h: Harness) -> None:
    top, elsewhere = unit(f"Shibei {new_org_unit_id()}"), unit(f"Other {new_org_unit_id()}")
    middle = unit("Yichun", top)
    bottom = unit("Grid 1", middle)
    in_bottom = replace(household(), org_unit_id=bottom.id, org_unit_path=bottom.path_with_self)
    at_top = replace(household("9 High St"), org_unit_id=top.id, org_unit_path=top.path_with_self)
    resident = replace(person(), org_unit_id=middle.id, org_unit_path=middle.path_with_self)
    await h.seed_household(in_bottom)
    await h.seed_household(at_top)
    await h.seed_person(resident)

    await in_tx(h, lambda tx: tx.org_units.follow_move(middle.id, elsewhere.path_with_self))

    async def read(tx: PeopleTx) -> tuple[Any, ...]:
        return (
            await tx.households.get(in_bottom.id),
            await tx.households.get(at_top.id),
            await tx.persons.get(resident.id),
        )

    moved_home, kept_home, moved_person = await in_tx(h, read)
    assert moved_home.org_unit_path == (elsewhere.id, middle.id, bottom.id)
    assert moved_home.org_unit_id == bottom.id
    assert kept_home == at_top
    assert moved_person.org_unit_path == (elsewhere.id, middle.id)


async def organizations_tell_their_ties(h: Harness) -> None:
    partner = Organization(
        id=new_organization_id(),
        kind=OrganizationKind.RED_PARTNER,
        name="Haiyue Property",
        org_unit_id=DISTRICT,
        org_unit_path=(DISTRICT,),
        created_at=NOW,
    )
    alone = replace(partner, id=new_organization_id(), name="Sewage Office")
    await h.seed_organization(partner, [STREET, OTHER])
    await h.seed_organization(alone, [])

    async def work(tx: PeopleTx) -> list[OrganizationTies | None]:
        return [await tx.organizations.ties(o) for o in (partner.id, alone.id, "none")]

    ties, lone, missing = await in_tx(h, work)
    assert ties is not None
    assert lone is not None
    assert (ties.name, ties.registered_at, set(ties.paired_with)) == (
        "Haiyue Property",
        DISTRICT,
        {STREET, OTHER},
    )
    assert (lone.name, set(lone.paired_with), missing) == ("Sewage Office", set(), None)


async def organizations_are_unique_per_unit_and_paired_once(h: Harness) -> None:
    partner = Organization(
        id=new_organization_id(),
        kind=OrganizationKind.RED_PARTNER,
        name="Haiyue Property",
        org_unit_id=DISTRICT,
        org_unit_path=(DISTRICT,),
        created_at=NOW,
    )
    same_name_elsewhere = replace(partner, id=new_organization_id(), org_unit_id=STREET)
    same_name_here = replace(partner, id=new_organization_id())

    async def insert(tx: PeopleTx) -> tuple[Organization | None, list[bool]]:
        await tx.organizations.insert(partner)
        await tx.organizations.insert(same_name_elsewhere)
        pairings = [
            await tx.organizations.pair(partner.id, STREET),
            await tx.organizations.pair(partner.id, STREET),
        ]
        return await tx.organizations.get(partner.id), pairings

    async def insert_same_name(tx: PeopleTx) -> None:
        await tx.organizations.insert(same_name_here)

    async def ties(tx: PeopleTx) -> tuple[OrganizationTies | None, Organization | None]:
        return await tx.organizations.ties(partner.id), await tx.organizations.get("none")

    assert await in_tx(h, insert) == (partner, [True, False])
    with pytest.raises(Conflict, match="already registered"):
        await in_tx(h, insert_same_name)
    found, missing = await in_tx(h, ties)
    assert found is not None
    assert set(found.paired_with) == {STREET}
    assert missing is None


async def members_join_once(h: Harness) -> None:
    joined = Membership("org-1", "p-1", "Chair", NOW)

    async def join(tx: PeopleTx) -> None:
        await tx.organizations.add_member(joined)
        await tx.organizations.add_member(replace(joined, organization_id="org-2"))

    async def join_again(tx: PeopleTx) -> None:
        await tx.organizations.add_member(replace(joined, title=None))

    await in_tx(h, join)
    with pytest.raises(Conflict, match="already a member"):
        await in_tx(h, join_again)


async def roles_are_stored_and_found_while_active(h: Harness) -> None:
    held = assignment()
    own_for_partner = assignment(organization_id="org-1")
    others = [
        replace(assignment(), revoked_at=NOW - timedelta(hours=1)),  # revoked
        assignment(since=NOW + timedelta(hours=1)),  # not begun
        assignment(until=NOW),  # ended exactly now
        assignment(org_unit_id=OTHER),  # elsewhere
        assignment(Role.GRID_CHIEF),  # another role
    ]
    someone_else = assignment(person_id="p-2", until=NOW + timedelta(days=1))

    async def insert(tx: PeopleTx) -> None:
        for a in (held, own_for_partner, *others, someone_else):
            await tx.roles.insert(a)

    async def read(tx: PeopleTx) -> tuple[set[str], set[str], set[str], RoleAssignment | None]:
        everyone = await tx.roles.holding(Role.GRID_MEMBER, STREET, NOW)
        mine = await tx.roles.holding(Role.GRID_MEMBER, STREET, NOW, person_id="p-1")
        for_partner = await tx.roles.holding(
            Role.GRID_MEMBER, STREET, NOW, person_id="p-1", organization_id="org-1"
        )
        return (
            {a.id for a in everyone},
            {a.id for a in mine},
            {a.id for a in for_partner},
            await tx.roles.get("none"),
        )

    async def revoke(tx: PeopleTx) -> RoleAssignment | None:
        await tx.roles.save(replace(held, revoked_at=NOW, revoked_by=PersonId("p-0")))
        return await tx.roles.get(held.id)

    await in_tx(h, insert)
    everyone, mine, for_partner, missing = await in_tx(h, read)
    assert everyone == {held.id, own_for_partner.id, someone_else.id}
    assert mine == {held.id}
    assert for_partner == {own_for_partner.id}
    assert missing is None
    assert await in_tx(h, revoke) == replace(held, revoked_at=NOW, revoked_by=PersonId("p-0"))


async def held_roles_are_a_persons_active_assignments_oldest_first(h: Harness) -> None:
    who = f"p-{new_person_id()}"  # the MongoDB harness shares one database between checks
    newer = assignment(person_id=who, since=NOW - timedelta(hours=1))
    older = assignment(Role.GRID_CHIEF, person_id=who, since=NOW - timedelta(days=3))
    gone = [
        replace(assignment(person_id=who), revoked_at=NOW - timedelta(minutes=1)),
        assignment(person_id=who, since=NOW + timedelta(hours=1)),
        assignment(person_id=who, until=NOW),
    ]

    async def insert(tx: PeopleTx) -> None:
        for a in (newer, older, *gone, assignment(person_id=f"p-{new_person_id()}")):
            await tx.roles.insert(a)

    await in_tx(h, insert)
    assert await h.ports.held_roles.active_for(who, NOW) == [older, newer]
    assert await h.ports.held_roles.active_for("nobody", NOW) == []


def refresh_record(person_id: str, family_id: str, hashed: str) -> RefreshRecord:
    return RefreshRecord(hashed, person_id, family_id, NOW + timedelta(days=1), None, None)


async def refresh_tokens_are_used_once_and_revoked_by_family_or_person(h: Harness) -> None:
    who, other = new_person_id(), new_person_id()
    family, second = f"f-{new_person_id()}", f"f-{new_person_id()}"
    first, rotated, elsewhere, others = (
        refresh_record(who, family, f"h-{new_person_id()}") for _ in range(4)
    )
    elsewhere = replace(elsewhere, family_id=second)
    others = replace(others, person_id=other, family_id=f"f-{new_person_id()}")

    async def store(tx: PeopleTx) -> None:
        for r in (first, rotated, elsewhere, others):
            await tx.credentials.store_refresh(r)

    await in_tx(h, store)
    tokens = h.ports.refresh_tokens
    assert await tokens.refresh_record(first.token_hash) == first
    assert await tokens.refresh_record("none") is None

    assert await in_tx(h, lambda tx: tx.credentials.mark_used(first.token_hash, NOW)) is True
    assert await in_tx(h, lambda tx: tx.credentials.mark_used(first.token_hash, NOW)) is False
    assert await in_tx(h, lambda tx: tx.credentials.mark_used("none", NOW)) is False
    assert await tokens.refresh_record(first.token_hash) == replace(first, used_at=NOW)

    later = NOW + timedelta(minutes=5)
    await tokens.revoke_family(family, later)
    assert await tokens.refresh_record(rotated.token_hash) == replace(rotated, revoked_at=later)
    assert await tokens.refresh_record(elsewhere.token_hash) == elsewhere
    # a revoked token is no longer used
    assert await in_tx(h, lambda tx: tx.credentials.mark_used(rotated.token_hash, NOW)) is False
    await tokens.revoke_family(family, later + timedelta(minutes=1))  # the first revocation stays
    assert await tokens.refresh_record(rotated.token_hash) == replace(rotated, revoked_at=later)

    await in_tx(h, lambda tx: tx.credentials.revoke_person(who, later))
    assert await tokens.refresh_record(elsewhere.token_hash) == replace(elsewhere, revoked_at=later)
    assert await tokens.refresh_record(others.token_hash) == others


async def households_are_listed_by_their_own_unit(h: Harness) -> None:
    here = household()
    above = replace(household("3 High Street"), org_unit_id=DISTRICT, org_unit_path=(DISTRICT,))

    async def insert(tx: PeopleTx) -> None:
        await tx.households.insert_many([here, above])

    await in_tx(h, insert)

    async def work(tx: PeopleTx) -> tuple[set[str], set[str]]:
        return await tx.households.ids_in_unit(STREET), await tx.households.ids_in_unit(OTHER)

    assert await in_tx(h, work) == ({here.id}, set())


async def coverage_reads_a_subtree_its_children_and_last_confirmed_visits(h: Harness) -> None:
    top = unit("Shibei")
    zeta, alpha = unit("Zeta", top), unit("Alpha", top)
    for u in (top, zeta, alpha):
        await h.seed_org_unit(u)
    here = replace(
        household(), org_unit_id=alpha.id, org_unit_path=alpha.path_with_self,
        care_level=CareLevel.RED,
    )  # fmt: skip
    bare = replace(household("2 Long Road"), org_unit_id=top.id, org_unit_path=(top.id,))
    away = household("9 Far Road")  # another tree
    confirmed = [
        replace(visit("p-1", here.id, NOW - timedelta(days=d)), confirmed_by=PersonId("p-2"))
        for d in (1, 3)
    ]
    unconfirmed = visit("p-1", bare.id, NOW - timedelta(days=1))
    late = replace(visit("p-1", here.id, NOW + timedelta(hours=1)), confirmed_by=PersonId("p-2"))

    async def insert(tx: PeopleTx) -> None:
        await tx.households.insert_many([here, bare, away])
        for v in (*confirmed, unconfirmed, late):
            await tx.visits.insert(v)

    await in_tx(h, insert)
    coverage = h.ports.coverage
    rows = sorted(await coverage.care_rows(top.id), key=lambda r: r.household_id)
    found = await coverage.last_visits([here.id, bare.id], NOW - timedelta(days=7), NOW)

    assert (await coverage.unit(top.id)) == top
    assert await coverage.unit("nowhere") is None
    assert await coverage.child_ids(top.id) == [alpha.id, zeta.id]  # by name
    assert await coverage.child_ids(alpha.id) == []
    assert rows == sorted(
        [
            CareRow(here.id, alpha.path_with_self, CareLevel.RED, here.care_since),
            CareRow(bare.id, (top.id,), CareLevel.YELLOW, bare.care_since),
        ],
        key=lambda r: r.household_id,
    )
    # the latest confirmed visit in [since, until): not the unconfirmed one, not the late one
    assert found == {here.id: NOW - timedelta(days=1)}


CHECKS: list[Callable[[Harness], Awaitable[None]]] = [
    persons_are_found_by_phone_and_their_passwords_read,
    login_attempts_count_in_rounds_and_lock,
    organizations_are_unique_per_unit_and_paired_once,
    members_join_once,
    persons_are_inserted_with_unique_phones,
    password_hashes_are_set_and_replaced,
    org_units_are_read_back,
    org_units_are_inserted_replaced_and_found_below,
    what_is_placed_below_a_moved_unit_follows_it,
    organizations_tell_their_ties,
    roles_are_stored_and_found_while_active,
    held_roles_are_a_persons_active_assignments_oldest_first,
    refresh_tokens_are_used_once_and_revoked_by_family_or_person,
    households_are_listed_by_their_own_unit,
    persons_are_read_back,
    households_are_saved_and_counted,
    commitments_are_inserted_and_saved,
    a_failed_transaction_leaves_nothing,
    visits_are_found_near_a_time,
    the_board_counts_a_subtree,
    commitments_page_soonest_due_first,
    overdue_promises_lapse_unless_claimed,
    coverage_reads_a_subtree_its_children_and_last_confirmed_visits,
]
