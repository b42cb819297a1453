"""Attackers try to earn volunteer points they did not earn: checking themselves in (as a
volunteer, or as an organizer who also signed up), squeezing into a full activity, and forging
`activity.attended` on the broker under another publisher's name."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from typing import Any

from grassroots_kit.messaging.envelope import new_event

from tests.abuse._attacker import Attacker, refused
from tests.abuse._broker import parked, publish_forged
from tests.abuse._cases import person_id, unit_id
from tests.abuse._participation import HE_QIN, TANG_LI, TAOHUAJING, ZHOU_MIN
from tests.participation.activity_helpers import (
    CONFIRM,
    CREATE_ACTIVITY,
    SIGN_UP,
    confirm_input,
    last_tuesday,
    service_day_input,
)


async def _service_day(attacker: Attacker, capacity: int) -> str:
    staff = attacker.token(ZHOU_MIN)
    community = await unit_id(attacker, staff, TAOHUAJING)
    body = await attacker.graphql(
        CREATE_ACTIVITY, service_day_input(unit=community, capacity=capacity), token=staff
    )
    assert "errors" not in body, body
    return str(body["data"]["createActivity"]["activity"]["id"])


async def _sign_up(attacker: Attacker, activity_id: str, phone: str) -> dict[str, Any]:
    """Sign up, waiting until participation has learnt the demo's residents from events."""
    variables = {"input": {"activityId": activity_id}}
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        body = await attacker.graphql(SIGN_UP, variables, token=attacker.token(phone))
        code = body.get("errors", [{}])[0].get("extensions", {}).get("code")
        if code != "NOT_FOUND" or asyncio.get_running_loop().time() > deadline:
            return body
        await asyncio.sleep(0.5)


async def _stored(attacker: Attacker, activity_id: str) -> tuple[list[str], int, int]:
    db = attacker.db("participation")
    doc = await db["activities"].find_one({"_id": activity_id})
    assert doc is not None
    attended = await db["attendances"].count_documents({"activityId": activity_id})
    published = await db["outbox"].count_documents(
        {"type": "activity.attended", "subject": activity_id}
    )
    return list(doc["signedUp"]), attended, published  # type: ignore[call-overload]


async def test_volunteer_cannot_check_themselves_in(attacker: Attacker):
    # given a service day He Qin signed up for, and its organizer, who signed up too
    activity_id = await _service_day(attacker, capacity=5)
    he_qin = attacker.token(HE_QIN)
    staff = attacker.token(ZHOU_MIN)
    assert "errors" not in await _sign_up(attacker, activity_id, HE_QIN)
    assert "errors" not in await _sign_up(attacker, activity_id, ZHOU_MIN)
    # when each confirms their own attendance
    herself = await attacker.graphql(
        CONFIRM, confirm_input(activity_id, person_id(he_qin)), token=he_qin
    )
    organizer = await attacker.graphql(
        CONFIRM, confirm_input(activity_id, person_id(staff)), token=staff
    )
    anonymous = await attacker.graphql(CONFIRM, confirm_input(activity_id, person_id(he_qin)))
    # then all are refused, and no attendance is stored or published
    assert refused(herself, "FORBIDDEN")
    assert refused(organizer, "FORBIDDEN")
    assert refused(anonymous, "UNAUTHENTICATED")
    _, attended, published = await _stored(attacker, activity_id)
    assert (attended, published) == (0, 0)


async def test_volunteer_cannot_sign_up_beyond_capacity_or_twice(attacker: Attacker):
    # given a service day with one place, taken by He Qin
    activity_id = await _service_day(attacker, capacity=1)
    assert "errors" not in await _sign_up(attacker, activity_id, HE_QIN)
    # when Tang Li signs up, and He Qin signs up again
    tang_li = await _sign_up(attacker, activity_id, TANG_LI)
    again = await _sign_up(attacker, activity_id, HE_QIN)
    # then both are a conflict and the one place is still hers
    assert refused(tang_li, "CONFLICT")
    assert refused(again, "CONFLICT")
    signed_up, _, _ = await _stored(attacker, activity_id)
    assert signed_up == [person_id(attacker.token(HE_QIN))]


async def test_broker_publisher_cannot_mint_points_with_a_forged_activity_attended(
    attacker: Attacker,
):
    # given a resident and the points she has
    he_qin = person_id(attacker.token(HE_QIN))
    ledger = attacker.db("points")["ledger"]
    before = await ledger.count_documents({"personId": he_qin})
    community = await unit_id(attacker, attacker.token(ZHOU_MIN), TAOHUAJING)
    doc = await attacker.db("participation")["org_units"].find_one({"_id": community})
    path = [*doc["path"], community] if doc and doc.get("path") else [community]  # type: ignore[index]
    stack = attacker.stack
    for source in ("grassroots/people", "attacker"):
        activity = f"forged-{uuid.uuid4().hex}"
        day = last_tuesday().isoformat()
        # when someone with broker credentials publishes an attendance participation never made
        forged = new_event(
            "activity.attended",
            source=source,
            subject=activity,
            data={
                "attendanceId": f"{activity}:{day}:{he_qin}",
                "activityId": activity,
                "activityTitle": "Good Neighbor Service Day",
                "kind": "SERVICE_DAY",
                "orgUnitId": community,
                "orgUnitPath": path,
                "teamId": None,
                "personId": he_qin,
                "occurredOn": day,
                "minutesServed": 720,
                "confirmedBy": person_id(attacker.token(ZHOU_MIN)),
                "confirmedAt": datetime.now(UTC).isoformat(),
            },
        )
        await publish_forged(stack.amqp_url, f"{stack.prefix}grassroots.events", forged)
        headers = await parked(stack.amqp_url, f"{stack.prefix}points.awards.dead", forged.id)
        # then points parks it, naming the publisher it expected, and awards nothing
        reason = str(headers["x-death-reason"])
        assert f"'{source}'" in reason
        assert "'grassroots/participation'" in reason
        await asyncio.sleep(1)
        assert await ledger.count_documents({"sourceEventId": forged.id}) == 0
    assert await ledger.count_documents({"personId": he_qin}) == before
