"""The authorization matrix through the gateway: role x mutation x target in or out of the
role's subtree → allowed or denied, with real people, real role grants and real logins.

Table-driven: people's rows are MATRIX here (docs/people.md "Access rules"); the rows of every
cases, points and participation mutation are in `_matrix.py`, run for every role of the
ladder. Every denial must be FORBIDDEN, UNAUTHENTICATED or (for a case, redemption or meeting
the caller may not see) NOT_FOUND, and write nothing.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest

from tests.hostile._matrix import (
    CASES_ROWS,
    PARTICIPATION_ROWS,
    POINTS_ROWS,
    REPORT,
    ROLES,
    Row,
    World,
    dispatch_target,
)
from tests.hostile._probe import assert_clean, counts, error_codes, fingerprints, post
from tests.support.people_auth import admin_token
from tests.support.stack import SERVICES, Stack

T = TypeVar("T")
pytestmark = [pytest.mark.e2e, pytest.mark.timeout(300)]
PASSWORD = "matrix-password-1"
UNIT = (
    """mutation($input: CreateOrgUnitInput!) { createOrgUnit(input: $input) { orgUnit { id } } }"""
)
REGISTER = """mutation($input: RegisterPersonInput!) {
  registerPerson(input: $input) { person { id } } }"""
ASSIGN = """mutation($input: AssignRoleInput!) { assignRole(input: $input) { __typename } }"""
SET_PASSWORD = (
    """mutation($input: SetPasswordInput!) { setPassword(input: $input) { __typename } }"""
)
LOGIN = """mutation($input: LoginInput!) { login(input: $input) { accessToken } }"""
ORGANIZATION = """mutation($input: CreateOrganizationInput!) {
  createOrganization(input: $input) { organization { id } } }"""
ADJUST = """mutation($input: AdjustPointsInput!) { adjustPoints(input: $input) { __typename } }"""
ELECTION = """mutation($input: RecordElectionInput!) {
  recordElection(input: $input) { __typename } }"""
HOUSEHOLDS = """mutation($input: CreateHouseholdsInput!) {
  createHouseholds(input: $input) { households { id } } }"""
DENIED = {"FORBIDDEN", "UNAUTHENTICATED"}
# A case, reward or redemption the caller may not see is NOT_FOUND (docs/cases.md).
HIDDEN_OR_DENIED = DENIED | {"NOT_FOUND"}

# People's rows run for these holders (ROLES in _matrix.py says where each role is held).
HOLDERS = ("DISTRICT_ADMIN", "STREET_STAFF", "COMMUNITY_STAFF", "GRID_MEMBER")
# Below the district, per side: kind and parent.
LADDER = (
    ("street", "STREET", None),
    ("community", "COMMUNITY", "street"),
    ("grid", "GRID", "community"),
    ("piece", "PIECE", "grid"),
    ("group", "GROUP", "piece"),
    ("neighborhood", "NEIGHBORHOOD", "group"),
    ("building", "BUILDING", "group"),
)


@dataclass(frozen=True)
class Case:
    mutation: str
    document: str
    # Builds the input for a target unit of the tree (in or out of the caller's subtree).
    build: Any
    allowed_roles_in_scope: frozenset[str]


def _grid(tree: dict[str, str], target: str) -> dict[str, Any]:
    return {
        "input": {
            "kind": "GRID",
            "name": f"Grid {random.randrange(10**9)}",
            "parentId": tree[target],
        }
    }


def _household(tree: dict[str, str], target: str) -> dict[str, Any]:
    return {"input": {"orgUnitId": tree[target], "address": f"No. {random.randrange(10**6)}"}}


MATRIX = [
    Case(
        "createOrgUnit",
        UNIT,
        _grid,
        frozenset({"DISTRICT_ADMIN", "STREET_STAFF", "COMMUNITY_STAFF"}),
    ),
    Case(
        "createHousehold",
        """mutation($input: CreateHouseholdInput!) { createHousehold(input: $input) {
           __typename } }""",
        _household,
        frozenset({"DISTRICT_ADMIN", "STREET_STAFF", "COMMUNITY_STAFF"}),
    ),
]


@pytest.fixture(scope="module")
async def world(hostile_stack: Stack, hostile_cleanup: None, mongo_url: str) -> World:
    """A district with an "in" and an "out" branch down to a neighborhood and a building, a
    second district, a department and a red partner; one person per role of the ladder (held
    in the "in" branch, everyone living in building_in but the neighbor chief, with points to
    spend) and a community
    staff member out there who prepares targets on that side."""
    gateway = f"{hostile_stack.gateway.url}/graphql"
    world = World(gateway, admin_token(gateway), {}, {}, {})
    world.subgraphs = {s: f"{hostile_stack.processes[s][0].url}/graphql" for s in SERVICES}

    async def unit(kind: str, name: str, parent: str | None) -> str:
        data = await world.act(
            world.admin, UNIT, {"input": {"kind": kind, "name": name, "parentId": parent}}
        )
        return str(data["createOrgUnit"]["orgUnit"]["id"])

    tree = world.tree
    tree["district"] = await unit("DISTRICT", f"Matrix {random.randrange(10**9)}", None)
    tree["other_district"] = await unit("DISTRICT", f"Elsewhere {random.randrange(10**9)}", None)
    for side in ("in", "out"):
        for name, kind, parent in LADDER:
            above = tree[f"{parent}_{side}"] if parent else tree["district"]
            tree[f"{name}_{side}"] = await unit(kind, f"{name.title()} {side}", above)
    for key, kind, where in (
        ("department", "DEPARTMENT", "district"),
        ("red_partner", "RED_PARTNER", "community_in"),
    ):
        data = await world.act(
            world.admin,
            ORGANIZATION,
            {"input": {"kind": kind, "name": f"Matrix {key}", "orgUnitId": tree[where]}},
        )
        world.organizations[key] = data["createOrganization"]["organization"]["id"]

    async def holder(
        key: str, role: str, where: str, household: str | None, home: str = "building_in"
    ) -> None:
        phone = f"139{random.randrange(10**8):08d}"
        place = {"householdId": household} if household else {"orgUnitId": tree[home]}
        person = (
            await world.act(
                world.admin,
                REGISTER,
                {
                    "input": {
                        "name": f"Matrix {key.title()}",
                        "phone": phone,
                        **place,
                    }
                },
            )
        )["registerPerson"]["person"]["id"]
        organization = {
            "DEPARTMENT_STAFF": world.organizations["department"],
            "RED_PARTNER_MEMBER": world.organizations["red_partner"],
        }.get(role)
        if role == "NEIGHBOR_CHIEF":  # elected by the neighborhood's households
            await world.act(
                world.admin,
                ELECTION,
                {
                    "input": {
                        "neighborhoodId": tree[where],
                        "chiefId": person,
                        "heldOn": "2026-01-10",
                        "householdsVoting": 4,
                    }
                },
            )
        else:
            await world.act(
                world.admin,
                ASSIGN,
                {
                    "input": {
                        "personId": person,
                        "role": role,
                        "orgUnitId": tree[where],
                        "organizationId": organization,
                    }
                },
            )
        await world.act(
            world.admin, SET_PASSWORD, {"input": {"personId": person, "newPassword": PASSWORD}}
        )
        login = await world.act("", LOGIN, {"input": {"phone": phone, "password": PASSWORD}})
        world.people[key] = person
        world.tokens[key] = login["login"]["accessToken"]

    households = await world.act(
        world.admin,
        HOUSEHOLDS,
        {
            "input": {
                "households": [
                    {"orgUnitId": tree["neighborhood_in"], "address": f"Matrix Lane {n}"}
                    for n in range(5)
                ]
            }
        },
    )
    # The neighbor chief lives in the neighborhood: its residents elect them.
    chief_home = households["createHouseholds"]["households"][0]["id"]
    for role, where in ROLES.items():
        await holder(role, role, where, chief_home if role == "NEIGHBOR_CHIEF" else None)
    await holder("HELPER_OUT", "COMMUNITY_STAFF", "community_out", None, home="building_out")
    # Points to spend: the secretary credits everyone in building_in, the staff the secretary.
    for key in ROLES:
        giver = "COMMUNITY_STAFF" if key == "COMMUNITY_SECRETARY" else "COMMUNITY_SECRETARY"
        await _until_accepted(
            world,
            world.tokens[giver],
            ADJUST,
            {"input": {"personId": world.people[key], "delta": 100, "reason": "Matrix budget"}},
        )
    await counts(mongo_url, hostile_stack)  # every projection of the above has landed
    return world


async def _until_accepted(
    world: World, token: str, query: str, variables: dict[str, Any], timeout: float = 30
) -> None:
    """Retry while points has not yet projected the person (NOT_FOUND / FORBIDDEN)."""
    deadline = asyncio.get_running_loop().time() + timeout
    while True:
        status, body, text = await post(world.gateway, query, variables, token)
        assert_clean(status, text)
        if not body.get("errors"):
            return
        assert asyncio.get_running_loop().time() < deadline, body
        await asyncio.sleep(0.25)


CELLS = [
    (case, role, scope)
    for case in MATRIX
    for role in HOLDERS
    for scope in ("in", "out")
    # The district admin's subtree is the whole district: it has no out-of-scope target here.
    if not (role == "DISTRICT_ADMIN" and scope == "out")
]


@pytest.mark.parametrize(
    ("case", "role", "scope"),
    CELLS,
    ids=[f"{c.mutation}-{r}-{s}" for c, r, s in CELLS],
)
async def test_matrix_cell(
    case: Case,
    role: str,
    scope: str,
    world: World,
    hostile_stack: Stack,
    mongo_url: str,
) -> None:
    gateway = f"{hostile_stack.gateway.url}/graphql"
    # The target sits below where the role is held (in) or in the other street (out).
    target = f"community_{scope}" if case.mutation == "createOrgUnit" else f"grid_{scope}"
    expected = scope == "in" and role in case.allowed_roles_in_scope
    before = await counts(mongo_url, hostile_stack)

    status, body, text = await post(
        gateway, case.document, case.build(world.tree, target), world.tokens[role]
    )

    assert_clean(status, text)
    if expected:
        assert not body.get("errors"), body
    else:
        assert error_codes(body) & DENIED, body
        assert await counts(mongo_url, hostile_stack) == before


def _cells(row: Row) -> list[tuple[str, str]]:
    scopes = ("in",) if row.place is None else ("in", "out")
    return [
        (role, scope)
        for role in ROLES
        for scope in scopes
        # The district admin covers the whole district: outside it only for another district.
        if not (role == "DISTRICT_ADMIN" and scope == "out" and row.place != "district")
    ]


ROWS = [*CASES_ROWS, *POINTS_ROWS, *PARTICIPATION_ROWS]
ASSIGN_CASE = "mutation($input: AssignCaseInput!) { assignCase(input: $input) { __typename } }"
RESOLVE_CASE = "mutation($input: ResolveCaseInput!) { resolveCase(input: $input) { __typename } }"
DISPATCH_CASE = (
    "mutation($input: DispatchCaseInput!) { dispatchCase(input: $input) { __typename } }"
)
START_CASE = "mutation($input: StartCaseInput!) { startCase(input: $input) { case { status } } }"
RATE_CASE = """mutation($input: RateCaseInput!) {
  rateCase(input: $input) { case { rating { score } } } }"""
Answer = tuple[int, dict[str, Any], str]


@dataclass
class Denials:
    answers: dict[tuple[str, str, str], Answer]  # (mutation, role, scope) → the reply
    changed: list[str]  # collections whose documents differ after all the denials


@pytest.fixture(scope="module")
async def denials(world: World, hostile_stack: Stack, mongo_url: str) -> Denials:
    """Every denied cell of every cases, points and participation row, sent between two fingerprints of every
    database. Denials share one target per mutation and unit: nothing may change it."""
    rows = {row.mutation: row for row in ROWS}
    plan = [
        (row.mutation, role, scope)
        for row in ROWS
        for role, scope in _cells(row)
        if not row.allowed(role, scope)
    ]
    places = sorted({(m, rows[m].unit(role, scope)) for m, role, scope in plan})
    prepared = await _all(rows[m].prepare(world, unit) for m, unit in places)
    targets = dict(zip(places, prepared, strict=True))
    before = await fingerprints(mongo_url, hostile_stack)
    answers = await _all(
        post(
            world.gateway,
            rows[m].document,
            targets[(m, rows[m].unit(role, scope))],
            world.tokens[role],
        )
        for m, role, scope in plan
    )
    after = await fingerprints(mongo_url, hostile_stack)
    changed = sorted(name for name in after if before.get(name) != after[name])
    return Denials(dict(zip(plan, answers, strict=True)), changed)


async def test_no_denied_cases_or_points_mutation_writes_anything(denials: Denials) -> None:
    assert denials.answers
    assert not denials.changed, f"denied mutations changed {denials.changed}"


@pytest.mark.parametrize("row", ROWS, ids=[row.mutation for row in ROWS])
async def test_cases_and_points_mutation_for_every_role(
    row: Row, world: World, denials: Denials
) -> None:
    wrong: list[str] = []
    for (mutation, role, scope), (status, body, text) in denials.answers.items():
        if mutation != row.mutation:
            continue
        assert_clean(status, text)
        if not error_codes(body) & HIDDEN_OR_DENIED:
            wrong.append(f"{role} {scope}: expected a denial, got {body}")

    async def allowed_cell(role: str, scope: str) -> str | None:
        variables = await row.prepare(world, row.unit(role, scope))
        status, body, text = await post(world.gateway, row.document, variables, world.tokens[role])
        assert_clean(status, text)
        if body.get("errors"):
            return f"{role} {scope}: expected it allowed, got {body['errors']}"
        return None

    allowed = [(role, scope) for role, scope in _cells(row) if row.allowed(role, scope)]
    wrong += [w for w in await _all(allowed_cell(role, scope) for role, scope in allowed) if w]
    assert not wrong, "\n".join(wrong)


async def _all(work: Iterable[Awaitable[T]], at_once: int = 6) -> list[T]:
    """Run `work` a few at a time (the machine is small), keeping the order."""
    gate = asyncio.Semaphore(at_once)

    async def one(item: Awaitable[T]) -> T:
        async with gate:
            return await item

    return list(await asyncio.gather(*(one(item) for item in work)))


async def test_the_reporter_may_rate_their_resolved_case_and_nobody_else(world: World) -> None:
    # Given a case the resident reported in their building, assigned and resolved by staff
    data = await world.act(
        world.tokens["RESIDENT"],
        REPORT,
        {
            "input": {
                "title": f"My stairwell light {random.randrange(10**9)}",
                "category": "INFRASTRUCTURE",
                "orgUnitId": world.tree["building_in"],
            }
        },
    )
    case_id = data["reportCase"]["case"]["id"]
    staff = world.tokens["DISTRICT_ADMIN"]
    await world.act(
        staff,
        ASSIGN_CASE,
        {"input": {"caseId": case_id, "assigneeId": world.people["GRID_MEMBER"]}},
    )
    await world.act(staff, RESOLVE_CASE, {"input": {"caseId": case_id, "resolution": "Fixed"}})
    rate = {"input": {"caseId": case_id, "score": 4}}

    # when staff over the case and a neighbour in the same building try to rate it, and then
    # the reporter does
    refusals = [
        await post(world.gateway, RATE_CASE, rate, world.tokens[role])
        for role in ("DISTRICT_ADMIN", "BUILDING_CHIEF")
    ]
    status, body, text = await post(world.gateway, RATE_CASE, rate, world.tokens["RESIDENT"])

    # then only the reporter's rating is taken.
    for refused_status, refused, refused_text in refusals:
        assert_clean(refused_status, refused_text)
        assert error_codes(refused) & HIDDEN_OR_DENIED, refused
    assert_clean(status, text)
    assert not body.get("errors"), body
    assert body["data"]["rateCase"]["case"]["rating"]["score"] == 4


async def test_a_dispatched_case_is_started_by_its_organization_and_nobody_else(
    world: World,
) -> None:
    # Given a case escalated to the street and dispatched there to the department
    dispatched = await dispatch_target(world, "building_in")
    case_id = dispatched["input"]["caseId"]
    await world.act(world.tokens["DISTRICT_ADMIN"], DISPATCH_CASE, dispatched)
    start = {"input": {"caseId": case_id}}

    # when the red partner's member and a grid member (not the assignee) try to start it, and
    # then the department's own staff does
    refusals = [
        await post(world.gateway, START_CASE, start, world.tokens[role])
        for role in ("RED_PARTNER_MEMBER", "GRID_MEMBER")
    ]
    status, body, text = await post(
        world.gateway, START_CASE, start, world.tokens["DEPARTMENT_STAFF"]
    )

    # then only the dispatched organization starts the work.
    for refused_status, refused, refused_text in refusals:
        assert_clean(refused_status, refused_text)
        assert error_codes(refused) & HIDDEN_OR_DENIED, refused
    assert_clean(status, text)
    assert not body.get("errors"), body
    assert body["data"]["startCase"]["case"]["status"] == "IN_PROGRESS"
