"""Attackers who try to earn points from visits only they attest (issue 16, finding 2).

Each test sends the real request through the gateway of the demo stack and checks both the
refusal and that nothing was earned: no `visit.logged` in people's outbox (the only way an award
starts), no ledger entry in points' database, `Person.points` unchanged.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from datetime import UTC, datetime, timedelta

from tests.abuse._attacker import Attacker, refused
from tests.abuse._earning import (
    BLOCK,
    CONFIRM_VISIT,
    HE_QIN,
    LI_LANG,
    SHI_KAI,
    TANG_LI,
    VISIT,
    ZHOU_MIN,
    household_id,
    ledger_of,
    person_id,
    points_of,
    processed_by_points,
    published,
)
from tests.support.people_auth import ADMIN_PASSWORD, ADMIN_PHONE

CREATE_HOUSEHOLDS = """mutation($i: CreateHouseholdsInput!) {
  createHouseholds(input: $i) { households { id } } }"""
REGISTER = """mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"""


def _visits_of(attacker: Attacker, visitor: str, household: str):
    return attacker.db("people")["visits"].count_documents(
        {"visitorId": visitor, "householdId": household}
    )


async def test_visitor_cannot_earn_from_a_visit_only_they_attest(attacker: Attacker):
    # Tang Li, group chief, logs a visit to a red household she serves and confirms it herself.
    token = attacker.token(TANG_LI)
    me = await person_id(attacker, TANG_LI)
    household = await household_id(attacker, BLOCK + "102室")
    before_points, before_ledger = await points_of(attacker, token), await ledger_of(attacker, me)

    logged = await attacker.graphql(VISIT, {"i": {"householdId": household}}, token=token)
    visit = logged["data"]["logVisit"]["visit"]["id"]
    confirmed = await attacker.graphql(CONFIRM_VISIT, {"i": {"visitId": visit}}, token=token)

    assert refused(confirmed, "FORBIDDEN")
    assert confirmed.get("data") is None
    assert logged["data"]["logVisit"]["visit"]["confirmedAt"] is None
    assert await published(attacker, "visit.logged", visit) == []
    stored = await attacker.db("people")["visits"].find_one({"_id": visit})
    assert stored is not None
    assert stored.get("confirmedBy") is None
    household_doc = await attacker.db("people")["households"].find_one({"_id": household})
    assert household_doc is not None
    assert household_doc.get("lastVisitAt") is None
    assert await ledger_of(attacker, me) == before_ledger
    assert await points_of(attacker, token) == before_points


async def test_visitor_cannot_back_date_a_visit_to_fill_past_weeks(attacker: Attacker):
    token = attacker.token(TANG_LI)
    me = await person_id(attacker, TANG_LI)
    household = await household_id(attacker, BLOCK + "303室")
    before = await _visits_of(attacker, me, household)
    a_week_ago = (datetime.now(UTC) - timedelta(days=7)).isoformat()

    body = await attacker.graphql(
        VISIT, {"i": {"householdId": household, "at": a_week_ago}}, token=token
    )

    assert refused(body, "BAD_USER_INPUT")
    assert body.get("data") is None
    assert await _visits_of(attacker, me, household) == before


async def test_visitor_cannot_log_the_same_visit_twice(attacker: Attacker):
    # He Qin, piece chief, logs a visit, then logs it again an hour "earlier" to double up.
    token = attacker.token(HE_QIN)
    me = await person_id(attacker, HE_QIN)
    household = await household_id(attacker, BLOCK + "303室")
    now = datetime.now(UTC)
    first = await attacker.graphql(
        VISIT, {"i": {"householdId": household, "at": now.isoformat()}}, token=token
    )
    assert "errors" not in first, first

    again = await attacker.graphql(
        VISIT,
        {"i": {"householdId": household, "at": (now - timedelta(hours=1)).isoformat()}},
        token=token,
    )

    assert refused(again, "CONFLICT")
    assert again.get("data") is None
    assert await _visits_of(attacker, me, household) == 1


async def test_confirmer_cannot_confirm_one_visit_twice_for_double_points(attacker: Attacker):
    visitor_token, confirmer = attacker.token(ZHOU_MIN), attacker.token(LI_LANG)
    visitor = await person_id(attacker, ZHOU_MIN)
    household = await household_id(attacker, BLOCK + "501室")
    logged = await attacker.graphql(VISIT, {"i": {"householdId": household}}, token=visitor_token)
    visit = logged["data"]["logVisit"]["visit"]["id"]
    first = await attacker.graphql(CONFIRM_VISIT, {"i": {"visitId": visit}}, token=confirmer)
    assert "errors" not in first, first
    [event] = await published(attacker, "visit.logged", visit)
    await processed_by_points(attacker, [str(event["_id"])])
    before_points = await points_of(attacker, visitor_token)
    before_ledger = await ledger_of(attacker, visitor)

    twice = await attacker.graphql(CONFIRM_VISIT, {"i": {"visitId": visit}}, token=confirmer)

    assert refused(twice, "INVALID_TRANSITION")
    assert len(await published(attacker, "visit.logged", visit)) == 1
    assert await ledger_of(attacker, visitor) == before_ledger
    assert await points_of(attacker, visitor_token) == before_points


async def test_chief_cannot_visit_own_household_for_a_second_account_there_to_confirm(
    attacker: Attacker,
):
    # Tang Li lives in Neighborhood 2-1, within her own group: she registers nobody, but her
    # household has (or could get) a second login, which would confirm as "the household".
    admin = attacker.token(ADMIN_PHONE, ADMIN_PASSWORD)
    me = await person_id(attacker, TANG_LI)
    person = await attacker.db("people")["persons"].find_one({"_id": me})
    assert person is not None
    home = str(person["householdId"])
    phone = f"139{uuid.uuid4().int % 10**8:08d}"
    spouse = await attacker.graphql(
        REGISTER,
        {"i": {"name": "Tang Li's husband", "phone": phone, "password": "second-account-1",
               "householdId": home}},
        token=admin,
    )  # fmt: skip
    assert "errors" not in spouse, spouse
    token = attacker.token(TANG_LI)
    before_ledger = await ledger_of(attacker, me)

    body = await attacker.graphql(VISIT, {"i": {"householdId": home}}, token=token)

    assert refused(body, "FORBIDDEN")
    assert body.get("data") is None
    assert await _visits_of(attacker, me, home) == 0
    assert await ledger_of(attacker, me) == before_ledger


async def test_resident_cannot_confirm_a_visit_to_a_household_not_theirs(attacker: Attacker):
    # Shi Kai lives in Neighborhood 2-1 and serves nobody: he vouches for a friend's visit.
    visitor_token = attacker.token(ZHOU_MIN)
    visitor = await person_id(attacker, ZHOU_MIN)
    household = await household_id(attacker, BLOCK + "102室")
    logged = await attacker.graphql(VISIT, {"i": {"householdId": household}}, token=visitor_token)
    visit = logged["data"]["logVisit"]["visit"]["id"]
    before_ledger = await ledger_of(attacker, visitor)

    body = await attacker.graphql(
        CONFIRM_VISIT, {"i": {"visitId": visit}}, token=attacker.token(SHI_KAI)
    )

    assert refused(body, "FORBIDDEN")
    assert await published(attacker, "visit.logged", visit) == []
    assert await ledger_of(attacker, visitor) == before_ledger


async def test_chief_and_accomplice_cannot_earn_past_the_daily_cap_with_a_burst(
    attacker: Attacker,
):
    # Li Lang logs visits to 16 households in an afternoon and Zhou Min confirms them all at once.
    admin = attacker.token(ADMIN_PHONE, ADMIN_PASSWORD)
    visitor_token, confirmer = attacker.token(LI_LANG), attacker.token(ZHOU_MIN)
    visitor = await person_id(attacker, LI_LANG)
    unit = (await attacker.db("people")["households"].find_one({"address": BLOCK + "102室"}) or {})[
        "orgUnitId"
    ]
    run = uuid.uuid4().hex[:6]
    made = await attacker.graphql(
        CREATE_HOUSEHOLDS,
        {"i": {"households": [
            {"orgUnitId": unit, "address": f"桃花井3栋 演练{run}-{n}号"}
            for n in range(16)
        ]}},
        token=admin,
    )  # fmt: skip
    assert "errors" not in made, made
    households = [h["id"] for h in made["data"]["createHouseholds"]["households"]]
    visits = []
    for household in households:
        logged = await attacker.graphql(
            VISIT, {"i": {"householdId": household}}, token=visitor_token
        )
        assert "errors" not in logged, logged
        visits.append(logged["data"]["logVisit"]["visit"]["id"])
    before = await ledger_of(attacker, visitor)

    confirmations = await asyncio.gather(
        *(attacker.graphql(CONFIRM_VISIT, {"i": {"visitId": v}}, token=confirmer) for v in visits)
    )
    assert all("errors" not in c for c in confirmations), confirmations
    events = [e for v in visits for e in await published(attacker, "visit.logged", v)]
    await processed_by_points(attacker, [str(e["_id"]) for e in events])

    ids = {str(e["_id"]) for e in events}
    earned = [e for e in await ledger_of(attacker, visitor) if e.get("sourceEventId") in ids]
    capped = await attacker.db("points")["withheld_awards"].count_documents(
        {
            "personId": visitor,
            "sourceEventId": {"$in": sorted(ids)},
            "reason": {"$regex": "^capped"},
        }
    )
    assert len(events) == 16
    assert len(earned) <= 12  # DEFAULT_CAPS: 12 visits a business day
    assert len(earned) + capped == 16
    assert capped >= 4
    assert [e for e in before if e.get("sourceEventId") in ids] == []
    accomplice = await person_id(attacker, ZHOU_MIN)
    assert all(e["confirmedBy"] == accomplice for e in earned)
    assert json.loads(str(events[0]["body"]))["data"]["confirmedBy"] != visitor
