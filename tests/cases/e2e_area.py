"""An area with people in roles, made through the gateway as an administrator would, for e2e.

Logs in as people's development bootstrap admin, creates a district with a unique name, the
rungs below it, a red-partner organization and people in roles, and logs each of them in.
"""

from __future__ import annotations

import random
import time
import uuid
from dataclasses import dataclass, field
from typing import Any

from tests.support.stack import post_graphql

ADMIN_PHONE, ADMIN_PASSWORD = "10000000000", "grassroots-bootstrap"
PASSWORD = "e2e-Grassroots-2026"

LOGIN = "mutation($i: LoginInput!) { login(input: $i) { accessToken personId } }"
CREATE_UNIT = "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }"
REGISTER = "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"
ASSIGN = "mutation($i: AssignRoleInput!) { assignRole(input: $i) { __typename } }"
ORGANIZATION = """mutation($i: CreateOrganizationInput!) {
  createOrganization(input: $i) { organization { id } } }"""
REPORT = """mutation($i: ReportCaseInput!) { reportCase(input: $i) { case { id number } } }"""

# person: (role, rung) — the rung's unit is where the role is held
ROLES = {
    "resident": ("RESIDENT", "building"),
    "gridder": ("GRID_MEMBER", "grid"),
    "staff": ("COMMUNITY_STAFF", "community"),
    "partner": ("RED_PARTNER_MEMBER", "community"),
}


def _ok(body: dict[str, Any]) -> dict[str, Any]:
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


@dataclass
class Area:
    graphql: str
    units: dict[str, str] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)
    organization: str = ""

    def call(self, who: str | None, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        return post_graphql(self.graphql, query, variables, token=self.tokens.get(who or ""))

    def act(self, who: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
        return _ok(self.call(who, query, variables))

    def report(self, title: str, who: str = "resident", **fields: Any) -> dict[str, Any]:
        body = self.act(
            who,
            REPORT,
            {"i": {"title": title, "category": "SEWAGE_WATER", "orgUnitId": self.units[
                "building"], **fields}},
        )  # fmt: skip
        case: dict[str, Any] = body["reportCase"]["case"]
        return case


def make_area(graphql: str, timeout: float = 60) -> Area:
    area = Area(graphql)
    admin = _ok(
        post_graphql(graphql, LOGIN, {"i": {"phone": ADMIN_PHONE, "password": ADMIN_PASSWORD}})
    )
    area.tokens["admin"] = admin["login"]["accessToken"]
    parent = None
    tag = uuid.uuid4().hex[:6]
    for rung, kind in [
        ("district", "DISTRICT"),
        ("street", "STREET"),
        ("community", "COMMUNITY"),
        ("grid", "GRID"),
        ("piece", "PIECE"),
        ("group", "GROUP"),
        ("building", "BUILDING"),
    ]:
        name = f"E2E {rung} {tag}" if rung != "district" else f"Qingshan District {tag}"
        created = area.act(
            "admin", CREATE_UNIT, {"i": {"kind": kind, "name": name, "parentId": parent}}
        )
        parent = area.units[rung] = created["createOrgUnit"]["orgUnit"]["id"]
    organization = area.act(
        "admin",
        ORGANIZATION,
        {
            "i": {
                "kind": "RED_PARTNER",
                "name": f"Power Company {tag}",
                "orgUnitId": area.units["community"],
            }
        },
    )
    area.organization = organization["createOrganization"]["organization"]["id"]
    for person, (role, rung) in ROLES.items():
        phone = "13" + "".join(random.choice("0123456789") for _ in range(9))
        registered = area.act(
            "admin",
            REGISTER,
            {"i": {"name": f"{person} {tag}", "phone": phone, "password": PASSWORD,
                   "orgUnitId": area.units["building"]}},
        )  # fmt: skip
        area.people[person] = registered["registerPerson"]["person"]["id"]
        organization_id = area.organization if role == "RED_PARTNER_MEMBER" else None
        area.act(
            "admin",
            ASSIGN,
            {"i": {"personId": area.people[person], "role": role, "orgUnitId": area.units[rung],
                   "organizationId": organization_id}},
        )  # fmt: skip
        login = area.act(None, LOGIN, {"i": {"phone": phone, "password": PASSWORD}})
        area.tokens[person] = login["login"]["accessToken"]
    _wait_for_projections(area, timeout)
    return area


def _wait_for_projections(area: Area, timeout: float) -> None:
    """cases learns units and roles from people's events: wait until a report routes to the grid.

    Probe cases reported before that stay behind, unhandled, in this test's own district."""
    deadline = time.monotonic() + timeout
    probe = """mutation($i: ReportCaseInput!) { reportCase(input: $i) { case { level } } }"""
    while True:
        body = area.call(
            "resident",
            probe,
            {"i": {"title": "Probe", "category": "OTHER", "orgUnitId": area.units["building"]}},
        )
        if "errors" not in body and body["data"]["reportCase"]["case"]["level"] == "GRID":
            return
        if time.monotonic() > deadline:
            raise TimeoutError(f"cases did not learn the area: {body}")
        time.sleep(0.3)
