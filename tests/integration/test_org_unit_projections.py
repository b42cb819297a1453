"""People's org-unit events flow to the one (kit) projection that cases, points and participation
keep."""

from __future__ import annotations

import uuid

from grassroots_cases.main import create_app as create_cases
from grassroots_cases.settings import CasesSettings
from grassroots_kit.mongo import create_client
from grassroots_kit.org_units import COLLECTION as ORG_UNITS
from grassroots_kit.org_units import OrgUnitProjection, ProjectedOrgUnit
from grassroots_participation.main import create_app as create_participation
from grassroots_participation.settings import ParticipationSettings
from grassroots_people.main import create_app as create_people
from grassroots_people.settings import PeopleSettings
from grassroots_points.main import create_app as create_points
from grassroots_points.settings import PointsSettings

from tests.support.apps import eventually, run_service, settings_for
from tests.support.people_auth import admin_token_of
from tests.support.rabbit import BrokerNamespace

CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id path } } }"""


async def test_cases_points_and_participation_project_every_org_unit_people_creates(
    mongo_url: str, broker_ns: BrokerNamespace
):
    def db() -> str:
        return f"t_{uuid.uuid4().hex[:12]}"

    people_settings = settings_for(PeopleSettings, mongo_url=mongo_url, db_name=db(), ns=broker_ns)
    cases_settings = settings_for(CasesSettings, mongo_url=mongo_url, db_name=db(), ns=broker_ns)
    points_settings = settings_for(PointsSettings, mongo_url=mongo_url, db_name=db(), ns=broker_ns)
    participation_settings = settings_for(
        ParticipationSettings, mongo_url=mongo_url, db_name=db(), ns=broker_ns
    )
    async with (
        run_service(create_cases, cases_settings, broker_ns) as cases,
        run_service(create_points, points_settings, broker_ns) as points,
        run_service(create_participation, participation_settings, broker_ns) as participation,
        run_service(create_people, people_settings, broker_ns) as people,
    ):
        token = await admin_token_of(people)
        created = []
        parent = None
        for kind in ["DISTRICT", "STREET", "COMMUNITY", "GRID"]:
            body = await people.graphql(
                CREATE,
                {"input": {"kind": kind, "name": f"{kind} one", "parentId": parent}},
                token=token,
            )
            unit = body["data"]["createOrgUnit"]["orgUnit"]
            created.append(unit)
            parent = unit["id"]

        for service in (cases, points, participation):
            projection = service.host.db["org_units"]

            async def complete(projection=projection) -> bool:
                return await projection.count_documents({}) == 4

            await eventually(complete)
            grid = await projection.find_one({"_id": created[-1]["id"]})
            assert grid is not None
            assert grid["path"] == created[-1]["path"]
            assert grid["kind"] == "GRID"
            assert grid["version"] == 1

        entities = """query($r: [_Any!]!) { _entities(representations: $r) {
            ... on OrgUnit { cases { totalCount } } } }"""
        body = await cases.graphql(entities, {"r": [{"__typename": "OrgUnit", "id": parent}]})
        assert body["data"]["_entities"] == [{"cases": {"totalCount": 0}}]
        board = """query($r: [_Any!]!) { _entities(representations: $r) {
            ... on OrgUnit { leaderboard(first: 5) { rank } } } }"""
        body = await points.graphql(board, {"r": [{"__typename": "OrgUnit", "id": parent}]})
        assert body["data"]["_entities"] == [{"leaderboard": []}]


MOVE = """mutation($input: MoveOrgUnitInput!) {
  moveOrgUnit(input: $input) { orgUnit { id path } } }"""


async def test_both_services_read_one_meaning_of_path_and_follow_a_move(
    mongo_url: str, broker_ns: BrokerNamespace
):
    """cases and points share the kit's projection: `path` is the ancestors only, root first,
    `path_with_self` adds the unit; a move reaches both and they agree."""

    def db() -> str:
        return f"t_{uuid.uuid4().hex[:12]}"

    people_settings = settings_for(PeopleSettings, mongo_url=mongo_url, db_name=db(), ns=broker_ns)
    cases_settings = settings_for(CasesSettings, mongo_url=mongo_url, db_name=db(), ns=broker_ns)
    points_settings = settings_for(PointsSettings, mongo_url=mongo_url, db_name=db(), ns=broker_ns)
    async with (
        run_service(create_cases, cases_settings, broker_ns) as cases,
        run_service(create_points, points_settings, broker_ns) as points,
        run_service(create_people, people_settings, broker_ns) as people,
    ):
        token = await admin_token_of(people)

        async def create(kind: str, name: str, parent: str | None) -> str:
            body = await people.graphql(
                CREATE, {"input": {"kind": kind, "name": name, "parentId": parent}}, token=token
            )
            return str(body["data"]["createOrgUnit"]["orgUnit"]["id"])

        district = await create("DISTRICT", "District", None)
        street_a = await create("STREET", "Street A", district)
        street_b = await create("STREET", "Street B", district)
        community = await create("COMMUNITY", "Community", street_a)
        body = await people.graphql(
            MOVE, {"input": {"orgUnitId": community, "newParentId": street_b}}, token=token
        )
        assert body["data"]["moveOrgUnit"]["orgUnit"]["path"] == [district, street_b]

        for service in (cases, points):
            units = OrgUnitProjection(service.host.db)

            async def moved(units: OrgUnitProjection = units) -> bool:
                unit = await units.get(community)
                return unit is not None and unit.path == (district, street_b)

            await eventually(moved)
            unit = await units.get(community)
            assert unit is not None
            assert unit.path_with_self == (district, street_b, community)
            assert unit.parent_id == street_b
            assert unit.kind == "COMMUNITY"
            found = await units.first_of_kind(unit.path_with_self, "COMMUNITY")
            assert found == unit


async def test_a_projection_document_stored_before_the_kit_took_it_over_reads_the_same(
    mongo_url: str,
):
    """Both services stored `{kind, name, parentId, path (ancestors), version}` before the
    projection moved to the kit; the kit stores and reads that same shape, so existing local
    data needs no migration or rebuild."""
    client = create_client(mongo_url, app_name="test-org-units")
    db = client[f"t_{uuid.uuid4().hex[:12]}"]
    try:
        await db[ORG_UNITS].insert_one(
            {
                "_id": "g1",
                "kind": "GRID",
                "name": "Grid one",
                "parentId": "c1",
                "path": ["d1", "s1", "c1"],
                "version": 3,
            }
        )
        unit = await OrgUnitProjection(db).get("g1")
        assert unit == ProjectedOrgUnit("g1", "GRID", "Grid one", ("d1", "s1", "c1"), "c1")
        assert unit.path_with_self == ("d1", "s1", "c1", "g1")
    finally:
        await client.drop_database(db.name)
        await client.close()
