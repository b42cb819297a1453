"""Live cases and the live order board over in-memory fakes: who may subscribe, and which
events reach whom (the read policy, applied to each event with the case as it is now)."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from grassroots_cases.domain.access import Place, Reader, may_watch_board, may_watch_cases
from grassroots_cases.domain.ids import PersonId
from grassroots_cases.domain.vocabulary import Role, Status
from grassroots_cases.handlers.watching import CaseChange, watch_board, watch_cases
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import Forbidden, NotFound, Unauthenticated
from grassroots_kit.live.hub import LiveHub
from grassroots_kit.live.stream import LiveFeed
from grassroots_kit.messaging.envelope import CloudEvent, new_event

from tests.cases.fakes import FakeCases
from tests.cases.unit.builders import PATH, REPORTER, T0, case

DISTRICT, STREET, COMMUNITY, GRID = PATH
ELSEWHERE = ("elsewhere", "elsewhere-community")


def person(name: str, role: Role, path: tuple[str, ...], org: str | None = None) -> Principal:
    return Principal(
        person_id=name,
        grants=(
            RoleGrant(
                role=role.value,
                org_unit_id=path[-1],
                path=path,
                organization_id=org,
                assignment_id=f"a-{name}",
            ),
        ),
    )


STAFF = person("staff", Role.COMMUNITY_STAFF, PATH[:3])
RESIDENT = person(REPORTER, Role.RESIDENT, PATH)
NEIGHBOUR = person("neighbour", Role.RESIDENT, PATH)
VOLUNTEER = person("volunteer", Role.VOLUNTEER, PATH[:3])
FAR_STAFF = person("far", Role.COMMUNITY_STAFF, ELSEWHERE)


@pytest.fixture
def world() -> tuple[FakeCases, LiveHub]:
    fakes = FakeCases.new(lambda: T0)
    fakes.add_unit(DISTRICT, "DISTRICT", "D")
    fakes.add_unit(STREET, "STREET", "S", DISTRICT)
    fakes.add_unit(COMMUNITY, "COMMUNITY", "C", DISTRICT, STREET)
    fakes.add_unit(GRID, "GRID", "G", DISTRICT, STREET, COMMUNITY)
    hub = LiveHub("cases")
    fakes.ports = replace(
        fakes.ports, live=LiveFeed(hub=hub, types=frozenset({"case.assigned", "order.posted"}))
    )
    return fakes, hub


def event_of(case_id: str, type: str = "case.assigned") -> CloudEvent:
    return new_event(
        type,
        source="grassroots/cases",
        subject=case_id,
        data={"caseId": case_id, "orgUnitPath": list(PATH)},
    )


async def first_change(stream, hub: LiveHub, events: list[CloudEvent]) -> CaseChange:
    task = asyncio.create_task(anext(stream))
    for _ in range(1000):
        if len(hub):
            break
        await asyncio.sleep(0)
    for event in events:
        hub.publish(event)
    change: CaseChange = await asyncio.wait_for(task, 5)
    await stream.aclose()
    return change


def reader(who: Principal) -> Reader:
    grant = who.grants[0]
    return Reader(PersonId(who.person_id), (Place(grant.role, grant.org_unit_id, grant.path),))


def test_staff_over_a_unit_and_people_living_in_it_may_watch_its_cases():
    community = PATH[:3]
    assert may_watch_cases(reader(STAFF), community)
    assert may_watch_cases(reader(RESIDENT), community)
    assert not may_watch_cases(reader(FAR_STAFF), community)


def test_only_those_who_may_open_the_board_may_watch_it():
    community = PATH[:3]
    assert may_watch_board(reader(STAFF), community)
    assert may_watch_board(reader(VOLUNTEER), community)
    assert not may_watch_board(reader(RESIDENT), community)


@pytest.mark.parametrize(("who", "error"), [(None, Unauthenticated), (FAR_STAFF, Forbidden)])
async def test_a_subscription_from_outside_is_refused_before_it_opens(world, who, error):
    fakes, hub = world

    with pytest.raises(error):
        await anext(watch_cases(fakes.ports, who, COMMUNITY, None))
    assert len(hub) == 0


async def test_an_unknown_unit_is_not_found(world):
    fakes, _ = world

    with pytest.raises(NotFound):
        await anext(watch_cases(fakes.ports, STAFF, "nowhere", None))


async def test_a_resident_receives_their_own_case_and_not_a_neighbours(world):
    fakes, hub = world
    theirs = case(Status.ASSIGNED)
    neighbours = replace(case(Status.ASSIGNED), id="c2", reporter_id="someone-else")
    fakes.state.cases.update({theirs.id: theirs, neighbours.id: neighbours})

    change = await first_change(
        watch_cases(fakes.ports, RESIDENT, COMMUNITY, None),
        hub,
        [event_of("c2"), event_of(theirs.id)],
    )

    assert change.case_id == theirs.id
    assert change.case == theirs


async def test_staff_receive_every_case_of_their_area(world):
    fakes, hub = world
    someone = replace(case(Status.ASSIGNED), id="c2", reporter_id="someone-else")
    fakes.state.cases[someone.id] = someone

    change = await first_change(
        watch_cases(fakes.ports, STAFF, COMMUNITY, None), hub, [event_of("c2")]
    )

    assert change.case_id == "c2"
    assert change.event_type == "case.assigned"
    assert change.cursor


async def test_a_case_moved_out_of_the_unit_since_its_event_is_not_delivered(world):
    fakes, hub = world
    moved = replace(case(Status.ASSIGNED), org_unit_path=ELSEWHERE, org_unit_id=ELSEWHERE[-1])
    staying = replace(case(Status.ASSIGNED), id="c2")
    fakes.state.cases.update({moved.id: moved, staying.id: staying})

    change = await first_change(
        watch_cases(fakes.ports, STAFF, COMMUNITY, None),
        hub,
        [event_of(moved.id), event_of("c2")],
    )

    assert change.case_id == "c2"


async def test_a_taker_learns_an_order_was_taken_without_reading_the_case(world):
    fakes, hub = world
    taken = replace(case(Status.ASSIGNED), assignee_id="another-volunteer")
    fakes.state.cases[taken.id] = taken

    change = await first_change(
        watch_board(fakes.ports, VOLUNTEER, COMMUNITY, None),
        hub,
        [event_of(taken.id, "order.taken")],
    )

    assert change.case_id == taken.id
    assert change.case is None
