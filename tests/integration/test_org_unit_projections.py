"""`orgunit.created` flows from people to the projections of cases and points."""

from __future__ import annotations

import uuid

from grassroots_cases.main import create_app as create_cases
from grassroots_cases.settings import CasesSettings
from grassroots_people.main import create_app as create_people
from grassroots_people.settings import PeopleSettings
from grassroots_points.main import create_app as create_points
from grassroots_points.settings import PointsSettings

from tests.support.apps import eventually, run_service, settings_for
from tests.support.people_auth import admin_token_of
from tests.support.rabbit import BrokerNamespace

CREATE = """mutation($input: CreateOrgUnitInput!) {
  createOrgUnit(input: $input) { orgUnit { id path } } }"""


async def test_cases_and_points_project_every_org_unit_people_creates(
    mongo_url: str, broker_ns: BrokerNamespace
):
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

        for service in (cases, points):
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
