"""Stage 2: the people of the demo area, their households, roles, organizations, care levels,
visits and a commitment. Idempotent: what exists (found by phone, address or name) is kept."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from scripts.demo.auth import ensure_admin_token
from scripts.demo.context import DemoContext
from scripts.demo.graphql_client import GraphQLClient
from scripts.demo.people_cast import (
    BY_PINYIN,
    CARE,
    CARE_CONFIRMER,
    CARE_UNIT,
    CARE_VISITOR,
    CAST,
    COMMITMENT,
    GENERATED_PHONE_PREFIX,
    NEIGHBOR_CHIEFS,
    ORGANIZATIONS,
    PASSWORD,
    Member,
    generated_residents,
)

BATCH = 100
PEOPLE = """query($f: PersonFilter, $after: String) {
  people(filter: $f, first: 100, after: $after) { pageInfo { hasNextPage endCursor }
  edges { node { id phone roles { role orgUnit { id } } } } } }"""
HOUSEHOLDS = """query($f: HouseholdFilter, $after: String) {
  households(filter: $f, first: 100, after: $after) {
  pageInfo { hasNextPage endCursor }
  edges { node { id address careLevel lastVisitAt orgUnit { id } } } } }"""
CREATE_HOUSEHOLD = """mutation($i: CreateHouseholdInput!) {
  createHousehold(input: $i) { household { id } } }"""
CREATE_HOUSEHOLDS = """mutation($i: CreateHouseholdsInput!) {
  createHouseholds(input: $i) { households { id } } }"""
REGISTER = (
    """mutation($i: RegisterPeopleInput!) { registerPeople(input: $i) { people { id phone } } }"""
)
ASSIGN = """mutation($i: AssignRoleInput!) { assignRole(input: $i) { roleAssignment { id } } }"""
FIND_ORGANIZATION = """query($f: OrganizationFilter) { organizations(filter: $f, first: 1) {
  edges { node { id members { person { id } } pairedOrgUnits { id } } } } }"""
CREATE_ORGANIZATION = """mutation($i: CreateOrganizationInput!) {
  createOrganization(input: $i) { organization { id } } }"""
ADD_MEMBER = """mutation($i: AddOrganizationMemberInput!) {
  addOrganizationMember(input: $i) { organization { id } } }"""
PAIR = """mutation($i: PairOrganizationInput!) {
  pairOrganization(input: $i) { organization { id } } }"""
SERVED_BY = """query($id: ID!) {
  orgUnit(id: $id) { servedBy(roles: [NEIGHBOR_CHIEF]) { person { id } } } }"""
ELECT = (
    """mutation($i: RecordElectionInput!) { recordElection(input: $i) { roleAssignment { id } } }"""
)
CARE_LEVEL = """mutation($i: SetCareLevelInput!) { setCareLevel(input: $i) { household { id } } }"""
VISIT = """mutation($i: LogVisitInput!) { logVisit(input: $i) { visit { id } } }"""
CONFIRM_VISIT = """mutation($i: ConfirmVisitInput!) { confirmVisit(input: $i) { visit { id } } }"""
BOARD = """query($id: ID!) { orgUnit(id: $id) { commitmentBoard {
  commitments(first: 100) { edges { node { text } } } } } }"""
COMMIT = (
    """mutation($i: MakeCommitmentInput!) { makeCommitment(input: $i) { commitment { id } } }"""
)
LOGIN = """mutation($i: LoginInput!) { login(input: $i) { accessToken } }"""


def _pages(
    client: GraphQLClient, query: str, field: str, filter: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    after = None
    while True:
        page = client.execute(query, {"f": filter, "after": after})[field]
        yield from (edge["node"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            return
        after = page["pageInfo"]["endCursor"]


class PeopleLoader:
    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.client = ctx.client
        self.created = 0
        self.people: dict[str, dict[str, Any]] = {}  # by phone: id and roles
        self.households: dict[tuple[str, str], dict[str, Any]] = {}  # by (unit id, address)
        self.members: dict[str, set[str]] = {}  # person ids by organization key

    def unit(self, names: tuple[str, ...]) -> str:
        return self.ctx.unit(*names)

    def learn(self) -> None:
        prefixes = {member.phone[:7] for member in CAST} | {GENERATED_PHONE_PREFIX}
        for prefix in sorted(prefixes):
            for node in _pages(self.client, PEOPLE, "people", {"phoneStartsWith": prefix}):
                self.people[node["phone"]] = node
        for district in {names[0] for names in self.ctx.org_units}:
            filter = {"within": self.ctx.unit(district)}
            for node in _pages(self.client, HOUSEHOLDS, "households", filter):
                self.households[(node["orgUnit"]["id"], node["address"])] = node

    def household(self, unit: tuple[str, ...], address: str) -> str:
        key = (self.unit(unit), address)
        if key not in self.households:
            made = self.client.execute(
                CREATE_HOUSEHOLD, {"i": {"orgUnitId": key[0], "address": address}}
            )
            self.households[key] = {
                **made["createHousehold"]["household"],
                "careLevel": "NONE",
                "lastVisitAt": None,
            }
        return str(self.households[key]["id"])

    def create_households(self, wanted: list[tuple[tuple[str, ...], str]]) -> None:
        keys = list(dict.fromkeys((self.unit(unit), address) for unit, address in wanted))
        missing = [key for key in keys if key not in self.households]
        for start in range(0, len(missing), BATCH):
            chunk = missing[start : start + BATCH]
            made = self.client.execute(
                CREATE_HOUSEHOLDS,
                {"i": {"households": [{"orgUnitId": u, "address": a} for u, a in chunk]}},
            )
            for key, node in zip(chunk, made["createHouseholds"]["households"], strict=True):
                self.households[key] = {**node, "careLevel": "NONE", "lastVisitAt": None}

    def register(self, people: list[dict[str, Any]], batch: int = BATCH) -> None:
        missing = [p for p in people if p["phone"] not in self.people]
        for start in range(0, len(missing), batch):
            made = self.client.execute(REGISTER, {"i": {"people": missing[start : start + batch]}})
            for person in made["registerPeople"]["people"]:
                self.people[person["phone"]] = {**person, "roles": []}
                self.created += 1

    def organizations(self) -> dict[str, str]:
        ids = {}
        for org in ORGANIZATIONS:
            found = self.client.execute(FIND_ORGANIZATION, {"f": {"name": org.name}})[
                "organizations"
            ]["edges"]
            if found:
                node = found[0]["node"]
            else:
                made = self.client.execute(
                    CREATE_ORGANIZATION,
                    {"i": {"kind": org.kind, "name": org.name, "orgUnitId": self.unit(org.unit)}},
                )
                node = {
                    **made["createOrganization"]["organization"],
                    "members": [],
                    "pairedOrgUnits": [],
                }
            ids[org.key] = node["id"]
            paired = {u["id"] for u in node["pairedOrgUnits"]}
            for unit in org.paired_with:
                if self.unit(unit) not in paired:
                    self.client.execute(
                        PAIR, {"i": {"organizationId": node["id"], "orgUnitId": self.unit(unit)}}
                    )
            self.ctx.ids[f"organization:{org.key}"] = node["id"]
            self.members[org.key] = {m["person"]["id"] for m in node["members"]}
        return ids

    def cast(self) -> None:
        # Few at a time: hashing each password with Argon2 is deliberately slow.
        self.register([self._cast_input(m) for m in CAST], batch=2)
        organizations = self.organizations()
        for member in CAST:
            person = self.people[member.phone]
            held = {
                (r["role"], r["orgUnit"]["id"] if r["orgUnit"] else None) for r in person["roles"]
            }
            for role, unit, organization in member.roles:
                if (role, self.unit(unit)) not in held:
                    org_id = organizations[organization] if organization else None
                    self.client.execute(
                        ASSIGN,
                        {
                            "i": {
                                "personId": person["id"],
                                "role": role,
                                "orgUnitId": self.unit(unit),
                                "organizationId": org_id,
                            }
                        },
                    )
                if organization and person["id"] not in self.members[organization]:
                    self.client.execute(
                        ADD_MEMBER,
                        {
                            "i": {
                                "organizationId": organizations[organization],
                                "personId": person["id"],
                            }
                        },
                    )
            self.ctx.ids[f"person:{member.pinyin}"] = person["id"]

    def _cast_input(self, member: Member) -> dict[str, Any]:
        placed: dict[str, Any]
        if member.home is not None:
            placed = {"householdId": self.household(*member.home)}
        else:
            placed = {"orgUnitId": self.unit(member.roles[0][1])}
        return {
            "name": member.name,
            "phone": member.phone,
            "password": PASSWORD,
            "partyMember": member.party_member,
            **placed,
        }

    def residents(self) -> int:
        residents = generated_residents()
        self.create_households([(r.unit, r.address) for r in residents])
        self.register(
            [
                {
                    "name": r.name,
                    "phone": r.phone,
                    "householdId": self.household(r.unit, r.address),
                    "partyMember": r.party_member,
                }
                for r in residents
            ]
        )
        for resident in residents:  # cases draws the reporters of its generated history
            self.ctx.ids[f"resident:{resident.phone}"] = self.people[resident.phone]["id"]
        return len(residents)

    def elections(self) -> None:
        for name, neighborhood in NEIGHBOR_CHIEFS:
            self.election(name, neighborhood)

    def election(self, name: str, neighborhood: tuple[str, ...]) -> None:
        unit = self.unit(neighborhood)
        chiefs = self.client.execute(SERVED_BY, {"id": unit})["orgUnit"]["servedBy"]
        if chiefs:
            return
        households = sum(1 for (u, _) in self.households if u == unit)
        chief = BY_PINYIN[name]
        self.client.execute(
            ELECT,
            {
                "i": {
                    "neighborhoodId": unit,
                    "chiefId": self.people[chief.phone]["id"],
                    "heldOn": date(2026, 3, 15).isoformat(),
                    "householdsVoting": households // 2 + 1,
                }
            },
        )

    def as_member(self, name: str) -> GraphQLClient:
        """A client logged in as a named member of the cast (by pinyin)."""
        member = BY_PINYIN[name]
        own = GraphQLClient(self.client.url)
        own.token = own.execute(LOGIN, {"i": {"phone": member.phone, "password": PASSWORD}})[
            "login"
        ]["accessToken"]
        return own

    def care(self) -> None:
        now = datetime.now(UTC)
        visitor = confirmer = None
        for address, level, needs, days in CARE:
            household_id = self.household(CARE_UNIT, address)
            known = self.households[(self.unit(CARE_UNIT), address)]
            if known["careLevel"] != level:
                self.client.execute(
                    CARE_LEVEL,
                    {"i": {"householdId": household_id, "careLevel": level, "needs": list(needs)}},
                )
            if days is not None and not known.get("lastVisitAt"):
                # The group chief logs the visit, the piece chief above her confirms it.
                visitor = visitor or self.as_member(CARE_VISITOR)
                confirmer = confirmer or self.as_member(CARE_CONFIRMER)
                visit = visitor.execute(
                    VISIT,
                    {
                        "i": {
                            "householdId": household_id,
                            "at": (now - timedelta(days=days)).isoformat(),
                            "notes": "例行走访：了解近况，留下联系电话",
                        }
                    },
                )["logVisit"]["visit"]["id"]
                confirmer.execute(CONFIRM_VISIT, {"i": {"visitId": visit}})

    def commitment(self) -> None:
        name, text = COMMITMENT
        member = BY_PINYIN[name]
        assert member.home is not None
        board = self.client.execute(BOARD, {"id": self.unit(member.home[0])})["orgUnit"][
            "commitmentBoard"
        ]
        if any(e["node"]["text"] == text for e in board["commitments"]["edges"]):
            return
        own = self.as_member(name)
        due = datetime.now(UTC) + timedelta(days=365)
        own.execute(COMMIT, {"i": {"text": text, "dueBy": due.isoformat()}})


def load(ctx: DemoContext) -> str:
    ensure_admin_token(ctx)
    loader = PeopleLoader(ctx)
    loader.learn()
    loader.cast()
    residents = loader.residents()
    loader.elections()
    loader.care()
    loader.commitment()
    total = len(CAST) + residents
    return f"{total} people in {len(loader.households)} households ({loader.created} created now)"
