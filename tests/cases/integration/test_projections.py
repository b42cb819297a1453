"""people's events reach the cases service's projections and change where cases go."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from grassroots_contracts.event_types import (
    ORGUNIT_CREATED,
    ORGUNIT_MOVED,
    ROLE_ASSIGNED,
    ROLE_REVOKED,
    SOURCE_PEOPLE,
)
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_contracts.people_events import RoleAssignment, RoleRevoked
from grassroots_kit.messaging.broker import Broker
from grassroots_kit.messaging.envelope import new_event

from tests.cases.integration.conftest import Cases
from tests.support.apps import eventually

NOW = datetime(2026, 11, 23, tzinfo=UTC)


async def _publish(cases: Cases, *events) -> None:  # type: ignore[no-untyped-def]
    settings = cases.svc.host.settings
    broker = Broker(settings.amqp_url, settings.exchange_name, app_name="people-test")
    await broker.connect()
    try:
        for event in events:
            await broker.publish(event)
    finally:
        await broker.close()


async def _handled(cases: Cases, count: int) -> bool:
    return await cases.db["processed_events"].count_documents({}) >= count


def _role(assignment_id: str, person: str, role: str, path: tuple[str, ...], **kw):  # type: ignore[no-untyped-def]
    data = RoleAssignment(
        id=assignment_id, person_id=person, role=role, org_unit_id=path[-1], org_unit_path=path,
        organization_id=None, since=NOW, until=None,
    )  # fmt: skip
    if kw.get("revoked_at"):
        revoked = RoleRevoked(**data.model_dump(), revoked_by=None, **kw)
        return new_event(ROLE_REVOKED, source=SOURCE_PEOPLE, subject=assignment_id,
                         data=revoked.to_data())  # fmt: skip
    return new_event(
        ROLE_ASSIGNED, source=SOURCE_PEOPLE, subject=assignment_id, data=data.to_data()
    )


def _unit(
    unit_id: str, kind: str, name: str, path: tuple[str, ...], version: int
) -> OrgUnitSnapshot:
    return OrgUnitSnapshot(
        id=unit_id, kind=kind, name=name, parent_id=path[-1], path=path, version=version
    )


async def test_a_new_grid_member_takes_new_cases_and_a_revoked_one_no_longer_does(cases: Cases):
    # given an area where nobody below the community serves yet
    await cases.db["role_assignments"].delete_many(
        {"role": {"$in": ["GROUP_CHIEF", "GRID_MEMBER"]}}
    )
    assert (await cases.report())["level"] == "COMMUNITY"

    # when people assigns a grid member
    await _publish(cases, _role("ra-new", "newbie", "GRID_MEMBER", ("d1", "s1", "c1", "g1")))
    await eventually(lambda: cases.db["role_assignments"].find_one({"_id": "ra-new"}))

    # then new cases go to the grid; and after the role is revoked, back to the community
    assert (await cases.report(title="Second problem"))["level"] == "GRID"
    await _publish(
        cases,
        _role("ra-new", "newbie", "GRID_MEMBER", ("d1", "s1", "c1", "g1"), revoked_at=NOW),
    )
    await eventually(
        lambda: cases.db["role_assignments"].find_one({"_id": "ra-new", "revokedAt": {"$ne": None}})
    )
    assert (await cases.report(title="Third problem"))["level"] == "COMMUNITY"


async def test_a_moved_unit_takes_its_cases_along_once_and_only_forward(cases: Cases):
    # given a case in building b1 and a second street to move the group to
    case = await cases.report()
    street2 = _unit("s2", "STREET", "Second Street", ("d1",), 1)
    moved = _unit("gr1", "GROUP", "Group 1-1", ("d1", "s2", "c1", "g1"), 2)
    stale = _unit("gr1", "GROUP", "Group 1-1", ("d1", "s1", "c1", "g1"), 1)
    building = _unit("b1", "BUILDING", "Harbin Road No. 3", ("d1", "s2", "c1", "g1", "gr1"), 2)

    # when people announces the move (the stale snapshot arrives late)
    await _publish(
        cases,
        new_event(ORGUNIT_CREATED, source=SOURCE_PEOPLE, subject="s2", data=street2.to_data()),
        new_event(ORGUNIT_MOVED, source=SOURCE_PEOPLE, subject="gr1", data=moved.to_data()),
        new_event(ORGUNIT_MOVED, source=SOURCE_PEOPLE, subject="b1", data=building.to_data()),
        new_event(ORGUNIT_MOVED, source=SOURCE_PEOPLE, subject="gr1", data=stale.to_data()),
    )

    # then the case now counts under the new street, and the stale snapshot changed nothing
    async def relocated() -> bool:
        doc = await cases.db["cases"].find_one({"_id": case["id"]})
        unit = await cases.db["org_units"].find_one({"_id": "gr1", "version": 2})
        return bool(doc and doc["orgUnitPath"][1] == "s2" and unit)

    await eventually(relocated)
    await _publish(  # the stale snapshot arrives once more, after everything else
        cases,
        new_event(ORGUNIT_MOVED, source=SOURCE_PEOPLE, subject="gr1", data=stale.to_data()),
    )
    await eventually(lambda: _handled(cases, 5))
    unit = await cases.db["org_units"].find_one({"_id": "gr1"})
    assert unit["path"] == ["d1", "s2", "c1", "g1"]
    assert unit["version"] == 2
    stats = await cases.gql(
        "admin",
        """{ caseStats(orgUnitId: "s2", from: "2026-01-01T00:00:00Z", to: "2027-01-01T00:00:00Z")
        { collected } }""",
    )
    assert stats["data"]["caseStats"]["collected"] == 1


async def test_a_token_carrying_a_role_that_people_revoked_is_refused_within_seconds(
    cases: Cases,
):
    grant = replace(cases.world.grant("gridder"), assignment_id="ra-gridder")
    headers = {**cases.world.mint.header("gridder", grant), "Accept-Language": "en"}
    query = {"query": "{ cases(first: 5) { totalCount } }"}
    before = (await cases.svc.client.post("/graphql", json=query, headers=headers)).json()
    assert "errors" not in before, before

    await _publish(
        cases,
        _role("ra-gridder", "gridder", "GRID_MEMBER", ("d1", "s1", "c1", "g1"), revoked_at=NOW),
    )

    async def refused() -> bool:
        body = (await cases.svc.client.post("/graphql", json=query, headers=headers)).json()
        codes = {e["extensions"]["code"] for e in body.get("errors") or []}
        return codes == {"UNAUTHENTICATED"} and "refresh" in body["errors"][0]["message"]

    await eventually(refused, timeout=10)
