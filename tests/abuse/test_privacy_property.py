"""Property: for any (viewer, person, household) drawn from the demo, every path that returns
private fields answers exactly what people's one privacy policy (`domain/privacy.py`) decides.

The expectation is computed here from the viewer's token grants and the subject's place as
stored in people's database, with the domain functions themselves; the answers come from the
real stack: the gateway (`person`, `household`, `Person.household`, a leaderboard) and people's
port (`_entities` for Person and Household, `OrgUnit.servedBy`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import jwt
import pytest
from grassroots_kit.auth import principal_from_claims
from grassroots_people.domain import privacy
from grassroots_people.domain.masking import mask_name, mask_phone
from grassroots_people.domain.privacy import Sight
from grassroots_people.domain.roles import Role
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scripts.demo.people_cast import CAST
from tests.abuse._attacker import Attacker, refused
from tests.abuse._privacy import snapshot

pytestmark = pytest.mark.e2e

# Kept small: the stack runs on two shared cores in CI (about 0.3 s per example).
EXAMPLES = 40
SEEDED_RESIDENTS = 8  # generated residents (phones 137…, no login) drawn as subjects too

PERSON_FIELDS = "id name phone partyMembership household { id }"
PERSON = f"query($id: ID!) {{ person(id: $id) {{ {PERSON_FIELDS} }} }}"
HOUSEHOLD = "query($id: ID!) { household(id: $id) { id careLevel needs address } }"
ENTITIES = f"""query($r: [_Any!]!) {{ _entities(representations: $r) {{
  ... on Person {{ {PERSON_FIELDS} }} ... on Household {{ id careLevel needs address }} }} }}"""
SERVED_BY = f"""query($u: ID!) {{ orgUnit(id: $u) {{
  servedBy(roles: [{", ".join(r.value for r in Role if r is not Role.PLATFORM_ADMIN)}],
           first: 100) {{ role person {{ {PERSON_FIELDS} }} }} }} }}"""
LEADERBOARD = f"""query($u: ID!) {{ orgUnit(id: $u) {{
  leaderboard(period: ALL_TIME, first: 10) {{ person {{ {PERSON_FIELDS} }} }} }} }}"""


@dataclass(frozen=True)
class Seen:
    """Who is looking: a demo login (or nobody) and the policy's view of them."""

    label: str
    token: str | None
    viewer: privacy.Viewer


@dataclass(frozen=True)
class World:
    viewers: list[Seen]
    persons: dict[str, dict[str, Any]]  # every person: id → people's stored document
    households: dict[str, dict[str, Any]]  # every household
    subjects: list[dict[str, Any]]  # the persons drawn: the cast and a few seeded residents
    drawn_households: list[dict[str, Any]]  # theirs and some with a care level
    public: set[str]  # ids of persons holding a public role now
    community: str  # the unit whose leaderboard is walked


async def _world(attacker: Attacker) -> World:
    db = attacker.db("people")
    now = datetime.now(UTC)
    cast = [m.phone for m in CAST]
    named = await db["persons"].find({"phone": {"$in": cast}}).to_list()
    seeded = (
        await db["persons"]
        .find({"phone": {"$regex": "^137"}})
        .sort("phone", 1)
        .limit(SEEDED_RESIDENTS)
        .to_list()
    )
    persons = {str(p["_id"]): dict(p) for p in await db["persons"].find({}).to_list()}
    households = {str(h["_id"]): dict(h) for h in await db["households"].find({}).to_list()}
    subjects = sorted(
        (persons[str(p["_id"])] for p in [*named, *seeded]), key=lambda p: str(p["_id"])
    )
    homes = {p["householdId"] for p in subjects if p.get("householdId")}
    care = sorted(
        (h for h in households.values() if h["careLevel"] != "NONE"), key=lambda h: str(h["_id"])
    )[:6]
    drawn = sorted(
        {str(h["_id"]): h for h in [*(households[h] for h in homes), *care]}.values(),
        key=lambda h: str(h["_id"]),
    )
    active = (
        await db["role_assignments"]
        .find(
            {
                "revokedAt": None,
                "since": {"$lte": now},
                "$or": [{"until": None}, {"until": {"$gt": now}}],
            }
        )
        .to_list()
    )
    public = {str(a["personId"]) for a in active if privacy.serves_publicly([Role(a["role"])])}
    viewers = [Seen("anonymous", None, privacy.ANONYMOUS)]
    by_phone = {p["phone"]: p for p in named}
    for member in CAST:
        token = attacker.token(member.phone)
        claims = jwt.decode(token, options={"verify_signature": False})
        home = by_phone[member.phone].get("householdId")
        viewers.append(
            Seen(member.name, token, privacy.Viewer(principal_from_claims(claims), home))
        )
    community = await db["org_units"].find_one({"name": "桃花井社区"})
    assert community is not None
    return World(viewers, persons, households, subjects, drawn, public, str(community["_id"]))


def _subject(world: World, person: dict[str, Any]) -> privacy.PersonSubject:
    return privacy.PersonSubject(
        str(person["_id"]),
        person.get("householdId"),
        tuple(person.get("orgUnitPath", [])),
        serves_publicly=str(person["_id"]) in world.public,
    )


def _household_subject(household: dict[str, Any]) -> privacy.HouseholdSubject:
    return privacy.HouseholdSubject(str(household["_id"]), tuple(household["orgUnitPath"]))


def expected_person(world: World, seen: Seen, person: dict[str, Any]) -> dict[str, Any]:
    """What the policy says this viewer gets of this person, field by field."""
    view = privacy.person_view(seen.viewer, _subject(world, person))
    phone = person.get("phone")
    shown_phone = {
        Sight.FULL: phone,
        Sight.MASKED: mask_phone(phone) if phone else None,
        Sight.HIDDEN: None,
    }[view.phone]
    home_id = person.get("householdId")
    home = world.households.get(home_id) if home_id else None
    sees_home = home is not None and privacy.sees_household(seen.viewer, _household_subject(home))
    return {
        "id": str(person["_id"]),
        "name": person["name"] if view.name is Sight.FULL else mask_name(person["name"]),
        "phone": shown_phone if phone else None,
        "partyMembership": person["partyMember"] if view.party_membership else None,
        "household": {"id": home_id} if sees_home else None,
    }


def expected_household(seen: Seen, household: dict[str, Any]) -> dict[str, Any] | None:
    if not privacy.sees_household(seen.viewer, _household_subject(household)):
        return None
    return {
        "id": str(household["_id"]),
        "careLevel": household["careLevel"],
        "needs": household["needs"],
        "address": household["address"],
    }


def _post(url: str, query: str, variables: dict[str, Any], token: str | None) -> dict[str, Any]:
    headers = {"authorization": f"Bearer {token}"} if token else {}
    response = httpx.post(
        url, json={"query": query, "variables": variables}, headers=headers, timeout=30
    )
    body: dict[str, Any] = response.json()
    return body


async def test_every_path_to_private_data_agrees_with_the_one_policy(attacker: Attacker):
    world = await _world(attacker)
    gateway, people = attacker.gateway_url, attacker.subgraph_url("people")
    before = await snapshot(attacker)
    leaderboards: dict[str, list[dict[str, Any]]] = {}

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        seen=st.sampled_from(world.viewers),
        person=st.sampled_from(world.subjects),
        household=st.sampled_from(world.drawn_households),
    )
    def every_path_agrees(seen: Seen, person: dict[str, Any], household: dict[str, Any]) -> None:
        want = expected_person(world, seen, person)
        pid, hid = str(person["_id"]), str(household["_id"])
        why = f"{seen.label} looking at {person['name']} / {household['address']}"

        # person(id), with Person.household: a token is needed, then the policy decides.
        by_id = _post(gateway, PERSON, {"id": pid}, seen.token)
        if seen.token is None:
            assert refused(by_id, "UNAUTHENTICATED"), (why, by_id)
        else:
            assert by_id["data"]["person"] == want, (why, by_id)

        # household(id)
        one = _post(gateway, HOUSEHOLD, {"id": hid}, seen.token)
        if seen.token is None:
            assert refused(one, "UNAUTHENTICATED"), (why, one)
        else:
            assert one["data"]["household"] == expected_household(seen, household), (why, one)

        # _entities on people's port, as the gateway (or anyone reaching the port) asks.
        reps = [{"__typename": "Person", "id": pid}, {"__typename": "Household", "id": hid}]
        entities = _post(people, ENTITIES, {"r": reps}, seen.token)
        assert entities.get("errors") is None, (why, entities)
        assert entities["data"]["_entities"] == [want, expected_household(seen, household)], why

        # servedBy at the person's unit: residents listed only to those who serve it, and each
        # holder shown as the policy says.
        if person.get("orgUnitId"):
            unit_path = tuple(person["orgUnitPath"])
            served = _post(people, SERVED_BY, {"u": person["orgUnitId"]}, seen.token)
            assert served.get("errors") is None, (why, served)
            listed = served["data"]["orgUnit"]["servedBy"]
            if not privacy.lists_residents(seen.viewer, unit_path):
                assert {r["role"] for r in listed}.isdisjoint({"RESIDENT", "VOLUNTEER"}), why
            for holder in listed:
                shown = world.persons.get(holder["person"]["id"])
                if shown is not None:
                    assert holder["person"] == expected_person(world, seen, shown), (why, holder)

        # The leaderboard (points) resolves its Person refs through people.
        if seen.label not in leaderboards:
            board = _post(gateway, LEADERBOARD, {"u": world.community}, seen.token)
            assert board.get("errors") is None, (why, board)
            leaderboards[seen.label] = [
                e["person"] for e in board["data"]["orgUnit"]["leaderboard"]
            ]
        for entry in leaderboards[seen.label]:
            shown = world.persons.get(entry["id"])
            if shown is not None:
                assert entry == expected_person(world, seen, shown), (seen.label, entry)

    every_path_agrees()
    assert await snapshot(attacker) == before
