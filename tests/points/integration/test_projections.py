"""People's and org units' events keep points' projections, and place accounts."""

from __future__ import annotations

from grassroots_kit.auth import RoleGrant
from grassroots_kit.messaging.envelope import new_event

from tests.points.helpers import (
    ACCOUNT,
    C1_PATH,
    C2_PATH,
    Points,
    given_points,
    given_the_ladder,
    person_registered,
    uid,
)
from tests.support.apps import eventually


async def test_a_move_places_the_account_where_the_person_now_lives(points: Points):
    person = uid("p-")
    registered = person_registered(person, C1_PATH)
    await points.publish(registered)
    await points.processed(registered)
    await given_points(points, person, 5)

    moved = person_registered(person, C2_PATH, version=2)
    stale = person_registered(person, C1_PATH, version=1)
    await points.publish(moved)
    await points.publish(stale)
    await points.processed(moved, stale)

    account = await points.db["accounts"].find_one({"_id": person})
    assert account["orgUnitPath"] == C2_PATH
    projected = await points.db["people"].find_one({"_id": person})
    assert (projected["orgUnitPath"], projected["version"]) == (C2_PATH, 2)
    assert "name" not in projected  # no personal data is kept


async def test_org_unit_moves_and_renames_apply_when_newer(points: Points):
    await given_the_ladder(points)
    renamed = new_event(
        "orgunit.renamed",
        source="grassroots/people",
        subject="c1",
        data={
            "id": "c1",
            "kind": "COMMUNITY",
            "name": "Jindingshan",
            "parentId": "s1",
            "path": ["d1", "s1"],
            "version": 2,
        },
    )
    await points.publish(renamed)
    await points.processed(renamed)

    unit = await points.db["org_units"].find_one({"_id": "c1"})
    assert (unit["name"], unit["version"]) == ("Jindingshan", 2)


async def test_a_malformed_person_event_is_parked_in_the_projection_dead_letters(points: Points):
    broken = new_event(
        "person.registered",
        source="grassroots/people",
        subject="p",
        data={"id": "p", "version": 1},
    )
    await points.publish(broken)

    parked = await eventually(lambda: points.dead_letters("projections"), timeout=15)
    assert "missing field 'orgUnitId'" in str(parked[0].headers["x-death-reason"])


async def test_a_token_carrying_a_role_that_people_revoked_is_refused_within_seconds(
    points: Points,
):
    person, assignment = uid("p-"), uid("ra-")
    held = RoleGrant("GRID_MEMBER", C1_PATH[-1], tuple(C1_PATH), assignment_id=assignment)
    assert await points.ok(ACCOUNT, {"id": person}, as_person=person, grants=(held,))
    revoked = new_event(
        "role.revoked",
        source="grassroots/people",
        subject=assignment,
        data={
            "id": assignment,
            "personId": person,
            "role": "GRID_MEMBER",
            "orgUnitId": C1_PATH[-1],
            "orgUnitPath": C1_PATH,
            "organizationId": None,
            "since": "2026-12-01T00:00:00Z",
            "until": None,
            "revokedAt": "2026-12-07T00:00:00Z",
            "revokedBy": "secretary",
        },
    )

    await points.publish(revoked)
    await points.processed(revoked)

    async def refused() -> bool:
        body = await points.gql(ACCOUNT, {"id": person}, as_person=person, grants=(held,))
        codes = {e["extensions"]["code"] for e in body.get("errors") or []}
        return codes == {"UNAUTHENTICATED"}

    await eventually(refused, timeout=10)
