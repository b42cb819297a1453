"""Events consumed before a rule existed earn under it when processed again, exactly once."""

from __future__ import annotations

from tests.points.helpers import (
    ADMIN,
    C1_STAFF,
    PLATFORM_ADMIN,
    Points,
    case_closed,
    case_reopened,
    uid,
)

REPROCESS = """mutation { reprocessEvents(input: {confirm: true}) { events entries } }"""


async def test_processing_again_awards_under_todays_rules_once(points: Points):
    chief, case = uid("chief-"), uid("case-")
    kept = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)
    undone = case_closed(case, [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)
    reopened = case_reopened(case)
    for event in (kept, undone, reopened):
        await points.publish(event)
        await points.processed(event)
    assert await points.balance(chief) == 0  # no rule yet

    await points.rule("case.closed", 10)
    first = await points.ok(REPROCESS, as_person="a", grants=(PLATFORM_ADMIN,))
    second = await points.ok(REPROCESS, as_person="a", grants=(PLATFORM_ADMIN,))
    staff = await points.gql(REPROCESS, as_person="s", grants=(C1_STAFF,))
    district = await points.gql(REPROCESS, as_person="d", grants=(ADMIN,))

    assert first["reprocessEvents"] == {"events": 2, "entries": 1}
    assert second["reprocessEvents"] == {"events": 2, "entries": 0}
    assert staff["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert district["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert await points.balance(chief) == 10  # the reopened closing earns nothing
