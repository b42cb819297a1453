"""Events points cannot read are parked with the reason, and consumption goes on."""

from __future__ import annotations

import json

from grassroots_kit.messaging.envelope import new_event

from tests.points.helpers import Points, case_closed, uid
from tests.support.apps import eventually


async def test_malformed_events_are_parked_with_their_reason_and_the_next_one_is_handled(
    points: Points,
):
    await points.rule("case.closed", 10)
    chief = uid("chief-")
    missing = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")])
    del missing.data["handlers"]  # type: ignore[attr-defined]
    future = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")])
    future = new_event(
        "case.closed",
        source=future.source,
        subject=future.subject,
        data=future.data,
        dataversion="2",
    )
    unknown = json.loads(case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")]).to_json())
    unknown["type"] = "case.exploded"
    good = case_closed(uid("case-"), [(chief, "NEIGHBOR_CHIEF")], met_deadline=False)

    # when a payload with a missing field, a newer dataversion and an unknown type arrive
    # before a good event
    await points.publish(missing)
    await points.publish(future)
    await points.publish_raw(json.dumps(unknown).encode(), "case.closed")
    await points.publish(good)

    # then the good one is applied
    await points.processed(good)
    assert await points.balance(chief) == 10

    # and the three others wait in points.awards.dead with their reasons
    parked = await eventually(lambda: _at_least(points, 3), timeout=15)
    reasons = sorted(str(m.headers["x-death-reason"]) for m in parked)
    assert any("missing field 'handlers'" in r for r in reasons), reasons
    assert any("unsupported dataversion '2'" in r for r in reasons), reasons
    assert any("no handler for event type 'case.exploded'" in r for r in reasons), reasons


async def test_a_wrongly_typed_field_is_parked_not_retried(points: Points):
    event = case_closed(uid("case-"), [("p1", "NEIGHBOR_CHIEF")])
    event.data["closure"] = "first"  # type: ignore[index]

    await points.publish(event)

    parked = await eventually(lambda: _at_least(points, 1), timeout=15)
    assert "closure: Input should be a valid integer" in str(parked[0].headers["x-death-reason"])
    assert await points.db["processed_events"].count_documents({}) == 0


_seen: dict[int, list] = {}


async def _at_least(points: Points, count: int) -> list | None:
    bucket = _seen.setdefault(id(points), [])
    bucket.extend(await points.dead_letters())
    return list(bucket) if len(bucket) >= count else None
