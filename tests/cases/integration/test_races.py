"""Concurrent conflicting transitions: one winner, one CONFLICT, never a lost update."""

from __future__ import annotations

import asyncio

from grassroots_cases.domain import workflow
from grassroots_cases.domain.ids import PersonId
from grassroots_cases.domain.vocabulary import Role
from grassroots_cases.handlers.access import actor_over
from grassroots_cases.handlers.composition import cases_ports
from grassroots_cases.handlers.transitions import load_for
from grassroots_cases.handlers.unit_of_work import commit_outcome, utc_now
from grassroots_kit.auth import Principal
from grassroots_kit.errors import Conflict

from tests.cases.integration.conftest import Cases, error_code


def _principal(cases: Cases, person: str) -> Principal:
    return Principal(person, (cases.world.grant(person),))


async def test_two_assigners_at_once_one_wins_the_other_gets_conflict(cases: Cases):
    # given a case both grid members saw at version 1
    case = await cases.report("res-1")
    seen = {"caseId": case["id"], "expectedVersion": case["version"]}

    # when both assign it at the same moment
    first, second = await asyncio.gather(
        cases.act("gridder", "assignCase", {**seen, "assigneeId": "gridder"}),
        cases.act("gridder2", "assignCase", {**seen, "assigneeId": "gridder2"}),
    )

    # then exactly one assignment stands and the other caller is told
    outcomes = sorted(["errors" in first, "errors" in second])
    assert outcomes == [False, True]
    loser = first if "errors" in first else second
    winner = second if loser is first else first
    assert error_code(loser) == "CONFLICT"
    stored = await cases.db["cases"].find_one({"_id": case["id"]})
    assert stored["assigneeId"] == winner["data"]["assignCase"]["case"]["assignee"]["id"]
    assert stored["version"] == 2
    assert (await cases.outbox_types()).count("case.assigned") == 1


async def test_a_change_computed_from_a_stale_read_is_refused(cases: Cases):
    # given two handlers that read the same version of a case
    case = await cases.report("res-1")
    ports = cases_ports(cases.svc.host)
    loaded = []
    for person in ("gridder", "gridder2"):
        subject, _ = await load_for(ports, case["id"], _principal(cases, person))
        loaded.append(subject)
    a, b = loaded
    actor_a = actor_over(_principal(cases, "gridder"), a.org_unit_path)
    actor_b = actor_over(_principal(cases, "gridder2"), b.org_unit_path)
    now = utc_now()

    # when both commit, one after the other
    await commit_outcome(
        ports.uow, workflow.assign(a, actor_a, now, PersonId("gridder"), Role.GRID_MEMBER)
    )
    try:
        await commit_outcome(
            ports.uow, workflow.assign(b, actor_b, now, PersonId("gridder2"), Role.GRID_MEMBER)
        )
    except Conflict:
        refused = True
    else:
        refused = False

    # then the second is refused: the first assignment is not silently overwritten
    assert refused
    stored = await cases.db["cases"].find_one({"_id": case["id"]})
    assert stored["assigneeId"] == "gridder"


async def test_two_takers_race_for_an_order_and_exactly_one_wins(cases: Cases):
    case = await cases.report("res-1", title="Drying rack", category="PROPERTY_MANAGEMENT")
    ref = {"caseId": case["id"]}
    await cases.act("cstaff", "postOrder", ref)

    results = await asyncio.gather(
        cases.act("partner", "takeOrder", ref), cases.act("vol", "takeOrder", ref)
    )

    winners = [r for r in results if "errors" not in r]
    losers = [r for r in results if "errors" in r]
    assert len(winners) == 1
    assert [error_code(r) for r in losers] == ["CONFLICT"]
    assert (await cases.outbox_types()).count("order.taken") == 1


async def test_a_taker_who_comes_after_the_order_was_taken_is_told_so(cases: Cases):
    # Takers see a case only while it is on the board; the one who loses the race by a moment
    # must still learn that the order was taken, not that it never existed.
    case = await cases.report("res-1", title="Drying rack", category="PROPERTY_MANAGEMENT")
    ref = {"caseId": case["id"]}
    await cases.act("cstaff", "postOrder", ref)
    taken = await cases.act("partner", "takeOrder", ref)
    assert "errors" not in taken, taken

    late = await cases.act("vol", "takeOrder", ref, language="en")

    assert error_code(late) == "CONFLICT"
    assert "already been taken" in late["errors"][0]["message"]
    assert (await cases.outbox_types()).count("order.taken") == 1
