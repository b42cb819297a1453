"""Every GraphQL block in docs/graph.md runs against a real stack and answers without errors."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import pytest

from tests.cases.e2e_area import Area, make_area
from tests.gateway.conftest import BOOTSTRAP_ADMIN, Gateway
from tests.support.stack import ROOT

GUIDE = ROOT / "docs" / "graph.md"
BLOCK = re.compile(r"```graphql\n(?P<graphql>.*?)```(?:\s*```json\n(?P<json>.*?)```)?", re.S)
NAME = re.compile(r"^\s*(?:query|mutation)\s+(\w+)", re.M)

# Who runs each operation: a role of the e2e area, "admin" (people's bootstrap admin) or None.
RUN_AS: dict[str, str | None] = {
    "Login": None,
    "CasesPage": "staff",
    "Refresh": None,
    "Me": "resident",
    "FindOrgUnits": "staff",
    "CommunityDashboard": "staff",
    "ReportCase": "resident",
    "WorkQueue": "gridder",
    "CaseDetail": "staff",
    "AssignCase": "gridder",
    "AreaStatistics": "staff",
    "MyPoints": "resident",
    "ExportArea": "staff",
    "YearOnYear": "staff",
    "PublicBoard": None,
    "CareCoverage": "staff",
    "SearchCases": "staff",
    "CaseCostShare": "staff",
    "WeeksActivities": "staff",
    "CommunitySurveys": "staff",
    "CommunityAtAGlance": "staff",
    "NearbyCases": "staff",
    "CaseClusters": "staff",
    "RequestPhotoUpload": "resident",
    "CasePhotos": "staff",
    "MyInbox": "gridder",
    # Outside the cookbook (docs/graph.md, "Languages"): anyone may read it.
    "Vocabulary": None,
}


@dataclass
class Recipe:
    name: str
    document: str
    variables: str


def recipes() -> list[Recipe]:
    found = []
    for match in BLOCK.finditer(GUIDE.read_text(encoding="utf-8")):
        name = NAME.search(match["graphql"])
        if name is None:
            continue  # a fragment of an answer, not an operation
        found.append(Recipe(name[1], match["graphql"], match["json"] or "{}"))
    return found


@dataclass
class World:
    area: Area
    values: dict[str, str] = field(default_factory=dict)

    def variables(self, recipe: Recipe) -> dict[str, Any]:
        text = re.sub(r"<(\w+)>", lambda m: self.values[m[1]], recipe.variables)
        parsed: dict[str, Any] = json.loads(text)
        return parsed


@pytest.fixture(scope="module")
def world(gateway: Gateway, admin_token: str) -> World:
    area = make_area(gateway.url)
    area.tokens["admin"] = admin_token
    reported = area.report("Cookbook: broken streetlight")
    login = next(r for r in recipes() if r.name == "Login")
    logged_in = gateway.query(login.document, {"input": BOOTSTRAP_ADMIN})
    assert "errors" not in logged_in, logged_in
    return World(
        area,
        {
            "refreshToken": logged_in["data"]["login"]["refreshToken"],
            "districtId": area.units["district"],
            "communityId": area.units["community"],
            "buildingId": area.units["building"],
            "gridMemberId": area.people["gridder"],
            "caseId": reported["id"],
            "caseNumber": reported["number"],
        },
    )


def test_the_guide_has_its_numbered_cookbook_recipes() -> None:
    names = [recipe.name for recipe in recipes()]

    assert len(names) == len(set(names)), names
    assert set(names) == set(RUN_AS), "give every operation in docs/graph.md a caller in RUN_AS"
    cookbook = GUIDE.read_text(encoding="utf-8").split("## Cookbook", 1)[1]
    numbers = [int(n) for n in re.findall(r"^### (\d+)\. ", cookbook, re.M)]
    assert numbers == list(range(1, 24)), numbers


@pytest.mark.parametrize("name", list(RUN_AS))
def test_the_recipe_runs_without_errors(
    name: str, world: World, gateway: Gateway, admin_token: str
) -> None:
    recipe = next(r for r in recipes() if r.name == name)
    who = RUN_AS[name]
    variables = world.variables(recipe) if name != "CasesPage" else {"first": 2}
    if name == "Login":
        variables = {"input": BOOTSTRAP_ADMIN}

    body = gateway.query(recipe.document, variables, token=world.area.tokens.get(who or ""))

    assert "errors" not in body, body
    assert body["data"], body
    assert all(value is not None for value in body["data"].values()), body


def test_the_dashboard_shows_staff_the_community_and_a_resident_their_own(
    world: World, gateway: Gateway
) -> None:
    # given a case reported by the resident and one the staff member reported for the area
    world.area.report("Cookbook: staff report", who="staff")
    dashboard = next(r for r in recipes() if r.name == "CommunityDashboard")
    variables = world.variables(dashboard)

    staff = gateway.query(dashboard.document, variables, token=world.area.tokens["staff"])
    resident = gateway.query(dashboard.document, variables, token=world.area.tokens["resident"])

    assert "errors" not in staff, staff
    staff_cases = [e["node"] for e in staff["data"]["orgUnit"]["openCases"]["edges"]]
    assert {c["title"] for c in staff_cases} >= {
        "Cookbook: broken streetlight",
        "Cookbook: staff report",
    }
    assert all(c["reporter"] is None or c["reporter"]["name"] for c in staff_cases)
    assert staff["data"]["orgUnit"]["caseStats"]["collected"] >= 2
    # the resident's answer to the same query holds nothing of the staff's: statistics are
    # FORBIDDEN (and, being non-null, take the unit with them) and no case but their own shows
    assert "Cookbook: staff report" not in json.dumps(resident), resident
    assert {e["extensions"]["code"] for e in resident.get("errors", [])} <= {"FORBIDDEN"}
    own = gateway.query(
        "{ cases(first: 50) { edges { node { title reporter { name } } } } }",
        token=world.area.tokens["resident"],
    )
    titles = {e["node"]["title"] for e in own["data"]["cases"]["edges"]}
    assert "Cookbook: broken streetlight" in titles
    assert "Cookbook: staff report" not in titles


ACCEPT = "mutation($input: AcceptCaseInput!) { acceptCase(input: $input) { case { status } } }"


def test_a_step_the_status_does_not_allow_is_a_typed_error(world: World, gateway: Gateway) -> None:
    # given a case already assigned (the guide's "Typed errors" example)
    case = world.area.report("Cookbook: typed error")
    assign = next(r for r in recipes() if r.name == "AssignCase")
    assigned = gateway.query(
        assign.document,
        {"input": {"caseId": case["id"], "assigneeId": world.values["gridMemberId"]}},
        token=world.area.tokens["gridder"],
    )
    assert "errors" not in assigned, assigned

    # when it is accepted again
    body = gateway.query(
        ACCEPT, {"input": {"caseId": case["id"]}}, token=world.area.tokens["gridder"]
    )

    # then the error is typed, names the field, and reads like the guide's example
    [error] = body["errors"]
    assert error["extensions"]["code"] == "INVALID_TRANSITION"
    assert error["path"] == ["acceptCase"]
    assert error["message"] in GUIDE.read_text(encoding="utf-8")


def test_the_search_recipe_finds_the_reported_case_by_a_word_of_its_title(
    world: World, gateway: Gateway
) -> None:
    search = next(r for r in recipes() if r.name == "SearchCases")

    body = gateway.query(search.document, world.variables(search), token=world.area.tokens["staff"])

    assert "errors" not in body, body
    titles = [e["node"]["title"] for e in body["data"]["cases"]["edges"]]
    assert "Cookbook: broken streetlight" in titles
