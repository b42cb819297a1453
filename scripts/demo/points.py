"""Last stage: point rules that reflect the practice, the Jindingshan "points supermarket",
and balances earned by the demo cases already closed.

Balances are never written: the stage sets the rules (as the platform admin: rules are
platform-wide), then asks points to process the awarding events it has consumed again
(`reprocessEvents`), so the real award code turns each closed case and each confirmed visit
into ledger entries, once. Events that arrive later are awarded by the consumer as they come.
Idempotent: rules are set per occasion, rewards found by name, and reprocessing is exact.
"""

from __future__ import annotations

from typing import Any

from scripts.demo.auth import ensure_admin_token
from scripts.demo.context import DemoContext
from scripts.demo.graphql_client import GraphQLClient, GraphQLFailure
from scripts.demo.people_cast import PASSWORD

JINDINGSHAN = ("Changsha County", "Chunhua Town", "Jindingshan Community")

# Who runs the supermarket in the demo: (name, phone, role, unit of the role). The rules are
# the platform admin's.
KEEPERS = {
    "supermarket": ("Jin Mei", "13500000002", "COMMUNITY_STAFF", JINDINGSHAN),
}

# (event type, narrowing, points, met-deadline bonus, rated-5 bonus, what it rewards)
RULES: tuple[tuple[str, dict[str, str], int, int, int, str], ...] = (
    ("case.closed", {}, 10, 5, 5, "Handling a case to its close"),
    ("case.closed", {"role": "NEIGHBOR_CHIEF"}, 12, 5, 5, "A neighbor chief solving it nearby"),
    ("case.closed", {"priority": "URGENT"}, 20, 5, 5, "Handling an urgent case"),
    ("order.taken", {}, 15, 0, 5, "Taking an order from the order board"),
    ("visit.logged", {}, 2, 0, 0, "A visit to a household"),
    ("visit.logged", {"careLevel": "YELLOW"}, 3, 0, 0, "A visit to a yellow-level household"),
    ("visit.logged", {"careLevel": "RED"}, 5, 0, 0, "A visit to a red-level household"),
    ("commitment.fulfilled", {}, 20, 10, 0, "A public commitment fulfilled"),
)  # fmt: skip

# The points supermarket of Jindingshan Community: (name, cost in points, stock).
CATALOG = (
    ("Rice 5 kg", 50, 20),
    ("Cooking oil 1.8 L", 40, 15),
    ("Laundry detergent 2 kg", 25, 30),
    ("Towel", 10, 50),
)

FIND_PERSON = """query($f: PersonFilter) { people(filter: $f, first: 1) {
  edges { node { id roles { role orgUnit { id } } } } } }"""
REGISTER = "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"
ASSIGN = "mutation($i: AssignRoleInput!) { assignRole(input: $i) { __typename } }"
LOGIN = "mutation($i: LoginInput!) { login(input: $i) { accessToken } }"
SET_RULE = """mutation($i: SetPointRuleInput!) { setPointRule(input: $i) { pointRule { id } } }"""
REWARDS = """query($unit: ID!, $after: String) {
  rewards(orgUnitId: $unit, first: 100, after: $after, includeInactive: true) {
    pageInfo { hasNextPage endCursor } edges { node { name } } } }"""
CREATE_REWARD = """mutation($i: CreateRewardInput!) { createReward(input: $i) { reward { id } } }"""
REPROCESS = """mutation { reprocessEvents(input: {confirm: true}) { events entries } }"""


def _keeper(ctx: DemoContext, key: str) -> GraphQLClient:
    """A client logged in as one of the stage's keepers, registered the first time."""
    name, phone, role, unit = KEEPERS[key]
    unit_id = ctx.unit(*unit)
    edges = ctx.client.execute(FIND_PERSON, {"f": {"phoneStartsWith": phone}})["people"]["edges"]
    if edges:
        person = edges[0]["node"]
        held = {(r["role"], (r.get("orgUnit") or {}).get("id")) for r in person["roles"]}
    else:
        made = ctx.client.execute(
            REGISTER,
            {"i": {"name": name, "phone": phone, "password": PASSWORD, "orgUnitId": unit_id}},
        )
        person, held = made["registerPerson"]["person"], set()
    if (role, unit_id) not in held:
        ctx.client.execute(
            ASSIGN,
            {"i": {"personId": person["id"], "role": role, "orgUnitId": unit_id,
                   "organizationId": None}},
        )  # fmt: skip
    ctx.ids[f"person:{name}"] = person["id"]
    client = GraphQLClient(ctx.client.url)
    login = client.execute(LOGIN, {"i": {"phone": phone, "password": PASSWORD}})
    client.token = login["login"]["accessToken"]
    return client


def _rules(admin: GraphQLClient) -> int:
    for event_type, narrowing, points, deadline, rated, description in RULES:
        rule: dict[str, Any] = {
            "eventType": event_type,
            **narrowing,
            "points": points,
            "metDeadlineBonus": deadline,
            "topRatingBonus": rated,
            "description": description,
        }
        admin.execute(SET_RULE, {"i": rule})
    return len(RULES)


def _catalog(ctx: DemoContext, keeper: GraphQLClient) -> int:
    unit = ctx.unit(*JINDINGSHAN)
    names: set[str] = set()
    after = None
    while True:
        page = keeper.execute(REWARDS, {"unit": unit, "after": after})["rewards"]
        names.update(edge["node"]["name"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    created = 0
    for name, cost, stock in CATALOG:
        if name not in names:
            keeper.execute(
                CREATE_REWARD,
                {"i": {"orgUnitId": unit, "name": name, "cost": cost, "stock": stock}},
            )
            created += 1
    return created


def load(ctx: DemoContext) -> str:
    ensure_admin_token(ctx)
    admin = ctx.client  # the bootstrap platform admin
    rules = _rules(admin)
    created = _catalog(ctx, _keeper(ctx, "supermarket"))
    # A year of closings, one transaction each: give it minutes, not the default 30 s.
    try:
        replayed = admin.execute(REPROCESS, timeout=600)["reprocessEvents"]
    except GraphQLFailure:
        # Reprocessing is exact and idempotent; once more covers a clash with live consumers.
        replayed = admin.execute(REPROCESS, timeout=600)["reprocessEvents"]
    return (
        f"{rules} point rules, {len(CATALOG)} rewards in the Jindingshan points supermarket "
        f"({created} created now); {replayed['events']} consumed events replayed, "
        f"{replayed['entries']} ledger entries earned now"
    )
