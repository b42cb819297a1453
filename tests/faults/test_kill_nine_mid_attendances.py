"""Kill -9 points while it awards a steady stream of check-ins confirmed through participation,
then participation while it confirms them, restart both, and every stored attendance is awarded
exactly once: one ledger entry per `activity.attended`, every account's balance equal to the sum
of its ledger, nothing withheld, nothing left in either outbox, nothing parked."""

from __future__ import annotations

import asyncio
import signal
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from pymongo import AsyncMongoClient

from tests.faults._harness import create_district, fault_stack, graphql, login
from tests.faults.test_kill_nine_mid_awards import ASSIGN, REGISTER, RULE, UNIT, _ok, _parked
from tests.participation.activity_helpers import (
    CONFIRM,
    CREATE_ACTIVITY,
    SIGN_UP,
    last_tuesday,
    service_day_input,
    service_day_start,
)
from tests.support.apps import eventually
from tests.support.people_auth import ADMIN_PASSWORD, LOGIN, login_variables

pytestmark = [pytest.mark.slow, pytest.mark.timeout(300)]
VOLUNTEERS = 4
WEEKS = 30  # Tuesdays served by each volunteer: VOLUNTEERS * WEEKS attendances
ATTENDANCES = VOLUNTEERS * WEEKS
MINUTES = 150
POINTS, PER_HOUR = 5, 2  # 150 minutes: 5 + 2 * 2 = 9 points an attendance
EACH = POINTS + PER_HOUR * (MINUTES // 60)


async def test_killing_points_then_participation_mid_check_ins_awards_each_attendance_once(
    mongo_url: str, rabbit_url: str, tmp_path: Path
) -> None:
    async with fault_stack(mongo_url, rabbit_url, tmp_path) as stack:
        people = await asyncio.to_thread(stack.start_service, "people")
        await asyncio.to_thread(stack.start_service, "participation")
        points = await asyncio.to_thread(stack.start_service, "points")
        client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(mongo_url)
        participation_db = client[stack.database("participation")]
        points_db = client[stack.database("points")]
        try:
            # Given a community with its staff and volunteers signed up to a weekly service day
            # that has run for WEEKS Tuesdays, and a platform rule pricing attendances (with a
            # cap high enough that every check-in of the campaign earns),
            token = await login(people.url)
            community = await _community(people.url, token)
            _, staff = await _person(people.url, token, community, 0, "COMMUNITY_STAFF")
            volunteers = [
                await _person(people.url, token, community, n) for n in range(1, VOLUNTEERS + 1)
            ]
            rule = {
                "eventType": "activity.attended",
                "points": POINTS,
                "pointsPerHour": PER_HOUR,
                "maxPerPeriod": 1000,
            }
            await _ok(points.url, RULE, {"input": rule}, token)
            activity = await _service_day(stack, staff, community)
            for _, volunteer_token in volunteers:
                await _retry(stack, SIGN_UP, {"input": {"activityId": activity}}, volunteer_token)
            dates = [last_tuesday() - timedelta(weeks=w) for w in range(WEEKS)]
            checks = [(person, day) for day in dates for person, _ in volunteers]

            # when the organizer checks them in one after another, points is killed -9 while it
            # awards,
            confirming = asyncio.create_task(_confirm_all(stack, activity, checks, staff))

            async def awarding() -> bool:
                return await points_db["ledger"].count_documents({}) >= 10

            await eventually(awarding, timeout=90, interval=0.02)
            points.kill(signal.SIGKILL)
            awarded_at_kill = await points_db["ledger"].count_documents({})
            await asyncio.to_thread(stack.start_service, "points")

            # and then participation is killed -9 while it confirms,
            async def half_confirmed() -> bool:
                count: int = await participation_db["attendances"].count_documents({})
                return count >= ATTENDANCES // 2

            await eventually(half_confirmed, timeout=90, interval=0.02)
            stack.processes["participation"][-1].kill(signal.SIGKILL)
            confirmed_at_kill = await participation_db["attendances"].count_documents({})
            await asyncio.to_thread(stack.start_service, "participation")
            await asyncio.wait_for(confirming, 180)
            # (both kills landed in the middle of the stream)
            assert 0 < awarded_at_kill < ATTENDANCES
            assert confirmed_at_kill < ATTENDANCES

            # then every attendance is stored once and its event awarded once,
            assert await participation_db["attendances"].count_documents({}) == ATTENDANCES
            events = {
                doc["_id"]
                async for doc in participation_db["outbox"].find(
                    {"type": "activity.attended"}, {"_id": 1}
                )
            }
            assert len(events) == ATTENDANCES
            attended = {"sourceEventType": "activity.attended"}

            async def all_awarded() -> bool:
                return await points_db["ledger"].count_documents(attended) >= ATTENDANCES

            await eventually(all_awarded, timeout=120, interval=0.25)
            await asyncio.sleep(1)  # a duplicate would land now
            per_event: dict[str, int] = {}
            async for entry in points_db["ledger"].find(attended):
                assert (entry["kind"], entry["delta"]) == ("AWARD", EACH), entry
                per_event[entry["sourceEventId"]] = per_event.get(entry["sourceEventId"], 0) + 1
            assert per_event == dict.fromkeys(events, 1)
            assert await points_db["withheld_awards"].count_documents({}) == 0
            # each account holds exactly what its ledger says,
            sums = {
                doc["_id"]: doc["total"]
                async for doc in await points_db["ledger"].aggregate(
                    [{"$group": {"_id": "$personId", "total": {"$sum": "$delta"}}}]
                )
            }
            balances = {doc["_id"]: doc["balance"] async for doc in points_db["accounts"].find({})}
            assert balances == sums
            assert sums == {person: WEEKS * EACH for person, _ in volunteers}
            # and nothing is stuck in an outbox or parked.
            for db in (participation_db, points_db):

                async def drained(db: Any = db) -> bool:
                    unsent: int = await db["outbox"].count_documents({"sentAt": None})
                    return unsent == 0

                await eventually(drained, timeout=60, interval=0.25)
            assert await _parked(stack, rabbit_url) == 0
        finally:
            await client.close()


async def _community(url: str, token: str) -> str:
    parent = await create_district(url, token, "Check-in Kill District")
    for kind in ("STREET", "COMMUNITY"):
        variables = {
            "input": {"kind": kind, "name": f"Check-in {kind.title()}", "parentId": parent}
        }
        parent = (await _ok(url, UNIT, variables, token))["createOrgUnit"]["orgUnit"]["id"]
    return parent


async def _person(
    url: str, token: str, community: str, n: int, role: str | None = None
) -> tuple[str, str]:
    """A person of the community (with `role` there if given), signed in: (id, token)."""
    person = {
        "name": f"Check-in Person {n}",
        "phone": f"1371111{n:04d}",
        "orgUnitId": community,
        "password": ADMIN_PASSWORD,
    }
    data = await _ok(url, REGISTER, {"input": person}, token)
    person_id: str = data["registerPerson"]["person"]["id"]
    if role:
        assignment = {"personId": person_id, "role": role, "orgUnitId": community}
        await _ok(url, ASSIGN, {"input": assignment}, token)
    login = login_variables(phone=person["phone"], password=ADMIN_PASSWORD)
    return person_id, str((await _ok(url, LOGIN, login, token))["login"]["accessToken"])


async def _retry(stack: Any, query: str, variables: dict[str, Any], token: str) -> dict[str, Any]:
    """Call participation until people's projections (the unit, the person, the role) have
    reached it: until then it answers NOT_FOUND or FORBIDDEN."""
    for _ in range(150):
        body = await graphql(stack.processes["participation"][-1].url, query, variables, token)
        codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or []}
        if codes & {"NOT_FOUND", "FORBIDDEN"}:
            await asyncio.sleep(0.2)
            continue
        assert not body.get("errors"), body
        data: dict[str, Any] = body["data"]
        return data
    raise AssertionError(f"participation still refuses: {body}")


async def _service_day(stack: Any, staff: str, community: str) -> str:
    start = service_day_start(weeks_before=WEEKS)
    variables = service_day_input(unit=community, capacity=10, startsAt=start)
    data = await _retry(stack, CREATE_ACTIVITY, variables, staff)
    return str(data["createActivity"]["activity"]["id"])


async def _confirm_all(stack: Any, activity: str, checks: list[Any], token: str) -> None:
    """Confirm every (volunteer, Tuesday) one after another (one client: no two changes of the
    activity race); a call that fails (participation dead or restarting) is tried again, and
    an attendance already stored by a call whose answer was lost counts as done."""
    for person, day in checks:
        variables = {
            "input": {
                "activityId": activity,
                "personId": person,
                "on": day.isoformat(),
                "minutesServed": MINUTES,
            }
        }
        for _ in range(300):
            url = stack.processes["participation"][-1].url
            try:
                body = await graphql(url, CONFIRM, variables, token)
            except (httpx.HTTPError, ValueError):
                await asyncio.sleep(0.2)
                continue
            codes = {(e.get("extensions") or {}).get("code") for e in body.get("errors") or []}
            if not body.get("errors") or "CONFLICT" in codes:
                await asyncio.sleep(0.03)  # a steady stream, long enough to kill into
                break
            await asyncio.sleep(0.2)
        else:
            raise AssertionError(f"could not confirm {person} on {day}: {body}")
