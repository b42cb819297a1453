"""Commitments and visits, use case by use case, over the in-memory fakes: what the handlers
store, refuse and publish, with no MongoDB."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from grassroots_contracts.event_types import COMMITMENT_FULFILLED, VISIT_LOGGED
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    InvalidTransition,
    NotFound,
    Unauthenticated,
)
from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.commitments import CommitmentStatus
from grassroots_people.domain.ids import CommitmentId, HouseholdId, PersonId, VisitId
from grassroots_people.domain.people import Household, Person
from grassroots_people.handlers.commitments import (
    ConfirmCommitment,
    FulfillCommitment,
    MakeCommitment,
    confirm_commitment,
    fulfill_commitment,
    lapse_overdue,
    make_commitment,
)
from grassroots_people.handlers.households import ConfirmVisit, LogVisit, confirm_visit, log_visit

from tests.people.contracts import DISTRICT, STREET, household, person
from tests.people.fakes import FakePeople

PATH = (DISTRICT, STREET)


def principal_of(someone: Person, role: str | None = None) -> Principal:
    grants = (RoleGrant(role, STREET, PATH),) if role else ()
    return Principal(someone.id, grants)


@pytest.fixture
def fake() -> FakePeople:
    return FakePeople.create()


def seed(fake: FakePeople, *records: Person | Household) -> None:
    for r in records:
        if isinstance(r, Person):
            fake.state.persons[r.id] = r
        else:
            fake.state.households[r.id] = r


# --- commitments ---


async def test_a_party_member_makes_a_commitment_for_themselves(fake: FakePeople):
    me = person()
    seed(fake, me)

    made = await make_commitment(
        fake.ports,
        principal_of(me),
        MakeCommitment(None, "  Fix   the gate ", fake.clock.now + timedelta(days=3)),
    )

    assert fake.state.commitments[made.id] == made
    assert (made.text, made.status, made.org_unit_path) == (
        "Fix the gate",
        CommitmentStatus.PROMISED,
        PATH,
    )
    assert made.created_at == fake.clock.now
    assert fake.uow.published == []


async def test_only_party_members_commit_and_only_in_the_future(fake: FakePeople):
    outsider = replace(person(), party_member=False)
    member = person()
    seed(fake, outsider, member)
    later = fake.clock.now + timedelta(days=3)

    with pytest.raises(BadUserInput, match="only party members"):
        await make_commitment(fake.ports, principal_of(outsider), MakeCommitment(None, "x", later))
    with pytest.raises(BadUserInput, match="due in the future"):
        await make_commitment(
            fake.ports, principal_of(member), MakeCommitment(None, "x", fake.clock.now)
        )
    assert fake.state.commitments == {}


async def test_a_commitment_for_someone_else_needs_a_manager(fake: FakePeople):
    me, them = person(), person(name="Zhang San")
    seed(fake, me, them)
    command = MakeCommitment(them.id, "Fix the gate", fake.clock.now + timedelta(days=3))

    with pytest.raises(Forbidden):
        await make_commitment(fake.ports, principal_of(me, "GRID_MEMBER"), command)
    made = await make_commitment(fake.ports, principal_of(me, "COMMUNITY_STAFF"), command)

    assert made.person_id == them.id
    with pytest.raises(Unauthenticated):
        await make_commitment(fake.ports, None, command)
    with pytest.raises(NotFound):
        await make_commitment(
            fake.ports,
            principal_of(me, "COMMUNITY_STAFF"),
            MakeCommitment(PersonId("x"), "y", command.due_by),
        )


async def test_a_claim_earns_nothing_until_someone_else_serving_confirms_it(fake: FakePeople):
    promiser, chief = person(HouseholdId("h-1")), person(HouseholdId("h-2"), name="Chief")
    seed(fake, promiser, chief)
    made = await make_commitment(
        fake.ports,
        principal_of(promiser),
        MakeCommitment(None, "Fix the gate", fake.clock.now + timedelta(days=3)),
    )
    fake.clock.advance(timedelta(days=1))

    claimed = await fulfill_commitment(
        fake.ports, principal_of(promiser), FulfillCommitment(made.id, "Photo of the gate")
    )
    assert (claimed.status, claimed.claimed_at) == (CommitmentStatus.PROMISED, fake.clock.now)
    assert fake.uow.published == []

    with pytest.raises(Forbidden):  # not by the promiser
        await confirm_commitment(
            fake.ports, principal_of(promiser, "GRID_MEMBER"), ConfirmCommitment(made.id)
        )
    with pytest.raises(Forbidden):  # not by someone who does not serve the unit
        await confirm_commitment(fake.ports, principal_of(chief), ConfirmCommitment(made.id))
    done = await confirm_commitment(
        fake.ports, principal_of(chief, "GRID_MEMBER"), ConfirmCommitment(made.id)
    )

    assert done.status is CommitmentStatus.FULFILLED
    assert (done.confirmed_by, done.on_time) == (chief.id, True)
    assert fake.state.commitments[made.id] == done
    assert fake.uow.published_types() == [COMMITMENT_FULFILLED]
    assert fake.uow.published[0].data["confirmedBy"] == chief.id


async def test_an_unknown_commitment_is_not_found(fake: FakePeople):
    me = person()
    seed(fake, me)
    with pytest.raises(NotFound):
        await fulfill_commitment(
            fake.ports, principal_of(me), FulfillCommitment(CommitmentId("x"), "e")
        )


async def test_overdue_promises_lapse_but_a_claimed_one_waits(fake: FakePeople):
    me = person()
    seed(fake, me)
    due = fake.clock.now + timedelta(days=1)
    kept = await make_commitment(fake.ports, principal_of(me), MakeCommitment(None, "a", due))
    dropped = await make_commitment(fake.ports, principal_of(me), MakeCommitment(None, "b", due))
    await fulfill_commitment(fake.ports, principal_of(me), FulfillCommitment(kept.id, "done"))
    fake.clock.advance(timedelta(days=2))

    assert await lapse_overdue(fake.ports) == 1
    assert fake.state.commitments[dropped.id].status is CommitmentStatus.LAPSED
    assert fake.state.commitments[kept.id].status is CommitmentStatus.PROMISED


# --- visits ---


def visiting(fake: FakePeople) -> tuple[Household, Person, Person]:
    home = household()
    visitor = person(HouseholdId("elsewhere"), name="Visitor")
    member = person(home.id, name="Member")
    seed(fake, home, visitor, member)
    return home, visitor, member


async def test_a_logged_visit_changes_nothing_until_confirmed(fake: FakePeople):
    home, visitor, _ = visiting(fake)
    at = fake.clock.now - timedelta(hours=2)

    visit, seen = await log_visit(
        fake.ports, principal_of(visitor, "GRID_MEMBER"), LogVisit(home.id, at, " All well ")
    )

    assert fake.state.visits[visit.id] == visit
    assert (visit.at, visit.notes, visit.confirmed) == (at, "All well", False)
    assert seen == home == fake.state.households[home.id]
    assert fake.state.visits_logged[home.id] == 1
    assert fake.uow.published == []


async def test_a_confirmed_visit_moves_the_schedule_and_is_published(fake: FakePeople):
    home, visitor, member = visiting(fake)
    at = fake.clock.now - timedelta(hours=2)
    visit, _ = await log_visit(
        fake.ports, principal_of(visitor, "GRID_MEMBER"), LogVisit(home.id, at, "All well")
    )

    with pytest.raises(Forbidden, match="other than the visitor"):
        await confirm_visit(
            fake.ports, principal_of(visitor, "GRID_MEMBER"), ConfirmVisit(visit.id)
        )
    done, changed = await confirm_visit(fake.ports, principal_of(member), ConfirmVisit(visit.id))

    assert (done.confirmed_by, done.confirmed_at) == (member.id, fake.clock.now)
    assert changed.last_visit_at == at
    # YELLOW: visited on 2 March in Beijing, due on 1 April, overdue from its end (+08:00)
    assert changed.next_visit_due == datetime(2026, 4, 1, 16, tzinfo=UTC)
    assert fake.state.households[home.id] == changed
    assert fake.uow.published_types() == [VISIT_LOGGED]
    with pytest.raises(InvalidTransition, match="already confirmed"):
        await confirm_visit(fake.ports, principal_of(member), ConfirmVisit(visit.id))
    assert fake.uow.published_types() == [VISIT_LOGGED]


async def test_a_visit_is_logged_within_72_hours_and_not_before_it_happens(fake: FakePeople):
    home, visitor, _ = visiting(fake)
    carer = principal_of(visitor, "GRID_MEMBER")
    now = fake.clock.now

    with pytest.raises(BadUserInput, match="72 hours"):
        await log_visit(fake.ports, carer, LogVisit(home.id, now - timedelta(hours=73), "late"))
    with pytest.raises(BadUserInput, match="before it happens"):
        await log_visit(fake.ports, carer, LogVisit(home.id, now + timedelta(minutes=1), "soon"))
    with pytest.raises(BadUserInput, match="time zone"):
        await log_visit(fake.ports, carer, LogVisit(home.id, now.replace(tzinfo=None), "naive"))
    visit, _ = await log_visit(
        fake.ports, carer, LogVisit(home.id, now - timedelta(hours=71), "just in time")
    )

    assert list(fake.state.visits) == [visit.id]
    # the refused ones left nothing behind, not even the household's count
    assert fake.state.visits_logged == {home.id: 1}


async def test_a_second_visit_within_24_hours_is_refused_and_rolled_back(fake: FakePeople):
    home, visitor, _ = visiting(fake)
    carer = principal_of(visitor, "GRID_MEMBER")
    now = fake.clock.now
    await log_visit(fake.ports, carer, LogVisit(home.id, now - timedelta(hours=30), "first"))

    with pytest.raises(Conflict, match="within 24 hours"):
        await log_visit(fake.ports, carer, LogVisit(home.id, now - timedelta(hours=7), "again"))
    await log_visit(fake.ports, carer, LogVisit(home.id, now - timedelta(hours=5), "a day on"))

    assert len(fake.state.visits) == 2
    assert fake.state.visits_logged == {home.id: 2}


async def test_only_carers_log_visits_and_never_to_their_own_home(fake: FakePeople):
    home, visitor, member = visiting(fake)
    at = fake.clock.now

    with pytest.raises(Forbidden):
        await log_visit(fake.ports, principal_of(visitor), LogVisit(home.id, at, "x"))
    with pytest.raises(Forbidden, match="own household"):
        await log_visit(fake.ports, principal_of(member, "GRID_MEMBER"), LogVisit(home.id, at, "x"))
    with pytest.raises(NotFound):
        await log_visit(
            fake.ports, principal_of(visitor, "GRID_MEMBER"), LogVisit(HouseholdId("x"), at, "x")
        )
    with pytest.raises(NotFound):
        await confirm_visit(fake.ports, principal_of(member), ConfirmVisit(VisitId("x")))
    assert fake.state.visits == {}
    assert fake.uow.runs == 0


async def test_the_schedule_keeps_the_latest_confirmed_visit(fake: FakePeople):
    home, visitor, member = visiting(fake)
    carer = principal_of(visitor, "GRID_MEMBER")
    now = fake.clock.now
    recent, _ = await log_visit(fake.ports, carer, LogVisit(home.id, now - timedelta(hours=1), "b"))
    older, _ = await log_visit(fake.ports, carer, LogVisit(home.id, now - timedelta(hours=60), "a"))

    await confirm_visit(fake.ports, principal_of(member), ConfirmVisit(recent.id))
    _, changed = await confirm_visit(fake.ports, principal_of(member), ConfirmVisit(older.id))

    assert changed.last_visit_at == recent.at
    assert fake.state.households[home.id].care_level is CareLevel.YELLOW
    assert fake.uow.published_types() == [VISIT_LOGGED, VISIT_LOGGED]
