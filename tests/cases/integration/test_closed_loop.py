"""From report to rating through the subgraph, with the events each step publishes."""

from __future__ import annotations

import json

from grassroots_kit.messaging.outbox import OUTBOX

from tests.cases.integration.conftest import Cases, error_code


async def _closed_event(cases: Cases) -> dict[str, object]:
    doc = await cases.db[OUTBOX].find_one({"type": "case.closed"})
    assert doc is not None
    data: dict[str, object] = json.loads(doc["body"])["data"]
    return data


async def test_a_case_is_handled_at_the_grid_rated_and_closed(cases: Cases):
    case = await cases.report("res-1")
    ref = {"caseId": case["id"]}

    assert "errors" not in await cases.act("chief", "acceptCase", ref)
    body = await cases.act("chief", "assignCase", {**ref, "assigneeId": "gridder"})
    assert body["data"]["assignCase"]["case"]["assignee"] == {"id": "gridder"}
    assert "errors" not in await cases.act("gridder", "startCase", ref)
    resolved = await cases.act("gridder", "resolveCase", {**ref, "resolution": "Pipe replaced"})
    assert resolved["data"]["resolveCase"]["case"]["status"] == "RESOLVED"
    rated = await cases.act("res-1", "rateCase", {**ref, "score": 5, "comment": "Quick, thanks"})

    assert rated["data"]["rateCase"]["case"]["status"] == "CLOSED"
    assert await cases.outbox_types() == [
        "case.reported",
        "case.assigned",
        "case.resolved",
        "case.closed",
    ]
    closed = await _closed_event(cases)
    assert closed["closure"] == 1
    assert closed["rating"] == 5
    assert closed["reporterId"] == "res-1"
    assert closed["handlers"] == [{"personId": "gridder", "role": "GRID_MEMBER"}]
    assert closed["orgUnitPath"] == ["d1", "s1", "c1", "g1", "gr1", "b1"]
    assert closed["metDeadline"] is True


async def test_the_community_whistles_the_street_dispatches_and_a_department_reports_for_duty(
    cases: Cases,
):
    case = await cases.report("res-1", title="Ground collapse in front of Building 5")
    ref = {"caseId": case["id"]}

    escalated = await cases.act(
        "cstaff",
        "escalateCase",
        {**ref, "toLevel": "STREET", "reason": "BEYOND_AUTHORITY", "note": "needs excavation"},
    )
    assert escalated["data"]["escalateCase"]["case"]["level"] == "STREET"
    assert (
        error_code(
            await cases.act("cstaff", "dispatchCase", {**ref, "organizationId": "org-water"})
        )
        == "FORBIDDEN"
    )
    dispatched = await cases.act("sstaff", "dispatchCase", {**ref, "organizationId": "org-water"})
    assert dispatched["data"]["dispatchCase"]["case"]["status"] == "ASSIGNED"
    duty = await cases.act("dept", "acceptCase", ref)
    assert duty["data"]["acceptCase"]["case"]["assignee"] == {"id": "dept"}
    await cases.act("dept", "resolveCase", {**ref, "resolution": "Road rebuilt"})
    await cases.act("res-1", "rateCase", {**ref, "score": 4})

    closed = await _closed_event(cases)
    assert closed["organizationId"] == "org-water"
    assert closed["level"] == "STREET"
    assert closed["handlers"] == [{"personId": "dept", "role": "DEPARTMENT_STAFF"}]
    assert "case.escalated" in await cases.outbox_types()


async def test_an_order_is_posted_taken_worked_and_rated(cases: Cases):
    case = await cases.report("res-1", title="Drying rack broken", category="PROPERTY_MANAGEMENT")
    ref = {"caseId": case["id"]}

    assert error_code(await cases.act("chief", "postOrder", ref)) == "FORBIDDEN"
    await cases.act("cstaff", "postOrder", ref)
    board = await cases.gql(
        "partner",
        """{ orderBoard(orgUnitId: "c1") { totalCount edges { node { id } } } }""",
    )
    assert board["data"]["orderBoard"]["totalCount"] == 1
    taken = await cases.act("partner", "takeOrder", ref)
    assert taken["data"]["takeOrder"]["case"]["assignee"] == {"id": "partner"}
    await cases.act("partner", "resolveCase", {**ref, "resolution": "Rack welded"})
    await cases.act("res-1", "rateCase", {**ref, "score": 5})

    closed = await _closed_event(cases)
    assert closed["orderTakerId"] == "partner"
    assert closed["organizationId"] == "org-rp"
    types = await cases.outbox_types()
    assert types.index("order.posted") < types.index("order.taken") < types.index("case.closed")


async def test_a_low_rating_reopens_and_a_second_closing_counts_as_closure_two(cases: Cases):
    case = await cases.report("res-1")
    ref = {"caseId": case["id"]}
    await cases.act("gridder", "assignCase", {**ref, "assigneeId": "gridder"})
    await cases.act("gridder", "resolveCase", {**ref, "resolution": "Cleaned"})
    await cases.act("cstaff", "closeCase", ref)

    objected = await cases.act("res-1", "reopenCase", {**ref, "reason": "Still smells"})
    assert objected["data"]["reopenCase"]["case"]["status"] == "ACCEPTED"
    await cases.act("gridder", "assignCase", {**ref, "assigneeId": "gridder2"})
    await cases.act("gridder2", "resolveCase", {**ref, "resolution": "Pipe replaced"})
    await cases.act("res-1", "rateCase", {**ref, "score": 5})

    docs = [json.loads(d["body"]) async for d in cases.db[OUTBOX].find({}).sort("createdAt", 1)]
    closures = [(d["type"], d["data"]["closure"]) for d in docs if "closure" in d["data"]]
    assert closures == [("case.closed", 1), ("case.reopened", 1), ("case.closed", 2)]


async def test_rating_by_someone_else_or_out_of_range_changes_nothing(cases: Cases):
    case = await cases.report("res-1")
    ref = {"caseId": case["id"]}
    await cases.act("gridder", "assignCase", {**ref, "assigneeId": "gridder"})
    await cases.act("gridder", "resolveCase", {**ref, "resolution": "Fixed"})
    before = await cases.db["cases"].find_one({"_id": case["id"]})
    events = await cases.outbox_types()

    assert error_code(await cases.act("res-2", "rateCase", {**ref, "score": 5})) == "NOT_FOUND"
    assert error_code(await cases.act("cstaff", "rateCase", {**ref, "score": 5})) == "FORBIDDEN"
    assert error_code(await cases.act("res-1", "rateCase", {**ref, "score": 9})) == (
        "BAD_USER_INPUT"
    )
    assert await cases.db["cases"].find_one({"_id": case["id"]}) == before
    assert await cases.outbox_types() == events


async def test_unknown_ids_are_not_found(cases: Cases):
    case = await cases.report("res-1")

    assert error_code(await cases.act("cstaff", "acceptCase", {"caseId": "nope"})) == "NOT_FOUND"
    assert (
        error_code(
            await cases.act("cstaff", "assignCase", {"caseId": case["id"], "assigneeId": "ghost"})
        )
        == "NOT_FOUND"
    )
    await cases.act("sstaff", "escalateCase", {"caseId": case["id"], "toLevel": "STREET"})
    assert (
        error_code(
            await cases.act("sstaff", "dispatchCase", {"caseId": case["id"], "organizationId": "x"})
        )
        == "NOT_FOUND"
    )


async def test_an_illegal_transition_is_typed(cases: Cases):
    case = await cases.report("res-1")

    body = await cases.act("cstaff", "resolveCase", {"caseId": case["id"], "resolution": "x"})

    assert error_code(body) == "INVALID_TRANSITION"


async def test_a_low_rating_publishes_the_closing_and_its_reopening(cases: Cases):
    case = await cases.report("res-1")
    ref = {"caseId": case["id"]}
    await cases.act("gridder", "assignCase", {**ref, "assigneeId": "gridder"})
    await cases.act("gridder", "resolveCase", {**ref, "resolution": "Cleaned"})

    rated = await cases.act("res-1", "rateCase", {**ref, "score": 1, "comment": "Still blocked"})

    assert rated["data"]["rateCase"]["case"]["status"] == "ACCEPTED"
    docs = [json.loads(d["body"]) async for d in cases.db[OUTBOX].find({}).sort("createdAt", 1)]
    tail = [(d["type"], d["data"].get("closure"), d["data"].get("rating")) for d in docs[-2:]]
    assert tail == [("case.closed", 1, 1), ("case.reopened", 1, None)]
