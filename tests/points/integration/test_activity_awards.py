"""activity.attended on a real MongoDB and RabbitMQ: awarded by a per-hour rule exactly once
however often it is delivered, and a forgery under another publisher's name parked unpaid."""

from __future__ import annotations

import asyncio

from tests.points.helpers import Points, activity_attended, uid
from tests.support.apps import eventually


async def test_an_attendance_delivered_three_times_is_awarded_once_by_the_hour(points: Points):
    # given 5 points and 2 a whole hour for serving at an activity
    await points.rule("activity.attended", 5, pointsPerHour=2)
    volunteer = uid("vol-")
    event = activity_attended(volunteer, minutes=150)

    # when the organizer's confirmation arrives three times
    await points.publish(event, times=3)
    await points.processed(event)
    await asyncio.sleep(0.5)

    # then the volunteer earned once: 5, and 2 for each of 2 whole hours
    assert await points.balance(volunteer) == 9
    entries = await points.entries(volunteer)
    assert [(e["kind"], e["delta"], e["sourceEventId"]) for e in entries] == [
        ("AWARD", 9, event.id)
    ]


async def test_an_attendance_published_by_another_service_is_parked_unpaid(points: Points):
    await points.rule("activity.attended", 5)
    volunteer = uid("vol-")
    forged = activity_attended(volunteer, source="grassroots/people")

    await points.publish(forged)

    async def parked() -> bool:
        return any(m.message_id == forged.id for m in await points.dead_letters())

    await eventually(parked, timeout=20)
    assert await points.balance(volunteer) == 0
    assert await points.db["ledger"].count_documents({"sourceEventId": forged.id}) == 0
