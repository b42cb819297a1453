"""Stage: the cases of the practice we model, and a year of cases in Wangcheng District.

Named cases are worked live through the graph by the people who handle them (each step is a
real mutation, so every event, case.closed included, is published as in production). Past
cases (water-bill arrears, the holiday parking shortage, and the generated year that makes
Wangcheng report about 1,354 collected and 1,319 handled) go through `importCases`, which
replays each history through the same domain rules and the outbox. Idempotent: a named case
is found by its title, an imported one by its ref, a person by logging in.
"""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from scripts.demo.auth import ensure_admin_token
from scripts.demo.context import DemoContext
from scripts.demo.graphql_client import GraphQLClient

PASSWORD = "demo-Grassroots-2026"
YEAR = 2026
TARGET_COLLECTED, TARGET_HANDLED = 1354, 1319
IMPORT_BATCH = 100  # one transaction each, well within the gateway's subgraph timeout

SHIBEI = ("Shibei District", "Dunhua Road Street", "Yichun Road Community")
HARBIN = (*SHIBEI, "Grid 1", "Piece 1", "Group 1-2", "Harbin Road No. 3")
LIAOYUAN = (*SHIBEI, "Grid 1", "Piece 1", "Group 1-1", "Liaoyuan Road No. 26")
WANGCHENG = ("Wangcheng District", "Gaotangling Street")
TAOHUAJING = (*WANGCHENG, "Taohuajing Community")
NORTH_GATE = (*TAOHUAJING, "Grid 1", "Piece 1", "Group 1-1", "Taohuajing North Gate Block")
WANGFU = (*WANGCHENG, "Wangfu Road Community")
WANGFU_GROUP = (*WANGFU, "Grid 2", "Piece 2", "Group 2-1")
WANGFU_BLOCK = (*WANGFU, "Grid 1", "Piece 1", "Group 1-1", "Wangfu Block 1-1")
YUANHUI = ("Yuanhui District", "Laojie Street")
JINGCHENGYUAN = (
    *YUANHUI, "Binhe Spring Community", "Grid 1", "Piece 1", "Group 1-1", "Jingchengyuan Building 5"
)  # fmt: skip

ORGANIZATIONS = {  # key: (kind, name, unit it belongs to)
    "power": ("RED_PARTNER", "Qingdao Power Supply Company", SHIBEI),
    "urban": ("DEPARTMENT", "Wangcheng Urban Management Bureau", WANGCHENG[:1]),
    "housing": ("DEPARTMENT", "Yuanhui Housing and Construction Bureau", YUANHUI[:1]),
}
CAST: dict[str, tuple[str, str, str, tuple[str, ...], str | None]] = {
    # key: (name, phone, role, unit of the role, organization)
    "li_na": ("Li Na", "13900000101", "RESIDENT", HARBIN, None),
    "zhang_wei": ("Zhang Wei", "13900000102", "RESIDENT", LIAOYUAN, None),
    "wang_fang": ("Wang Fang", "13900000103", "GROUP_CHIEF", HARBIN[:-1], None),
    "chen_jing": ("Chen Jing", "13900000104", "COMMUNITY_STAFF", SHIBEI, None),
    "liu_yang": ("Liu Yang", "13900000105", "RED_PARTNER_MEMBER", SHIBEI, "power"),
    "zhao_min": ("Zhao Min", "13900000106", "RESIDENT", NORTH_GATE, None),
    "sun_li": ("Sun Li", "13900000107", "COMMUNITY_STAFF", TAOHUAJING, None),
    "zhou_qiang": ("Zhou Qiang", "13900000108", "STREET_STAFF", WANGCHENG, None),
    "wu_hua": ("Wu Hua", "13900000109", "DEPARTMENT_STAFF", WANGCHENG[:1], "urban"),
    "xu_jun": ("Xu Jun", "13900000110", "GRID_MEMBER", (*TAOHUAJING, "Grid 1"), None),
    "ma_lin": ("Ma Lin", "13900000111", "GRID_MEMBER", (*WANGFU, "Grid 1"), None),
    "he_ping": ("He Ping", "13900000112", "GROUP_CHIEF", WANGFU_GROUP, None),
    "gao_lei": ("Gao Lei", "13900000113", "DISTRICT_ADMIN", WANGCHENG[:1], None),
    "lin_xiu": ("Lin Xiu", "13900000114", "RESIDENT", WANGFU_BLOCK, None),
    "luo_qing": ("Luo Qing", "13900000115", "RESIDENT", JINGCHENGYUAN, None),
    "zheng_bo": ("Zheng Bo", "13900000116", "STREET_STAFF", YUANHUI, None),
    "xie_dong": ("Xie Dong", "13900000117", "DEPARTMENT_STAFF", YUANHUI[:1], "housing"),
}  # fmt: skip

LOGIN = "mutation($i: LoginInput!) { login(input: $i) { accessToken personId } }"
REGISTER = "mutation($i: RegisterPersonInput!) { registerPerson(input: $i) { person { id } } }"
ASSIGN = "mutation($i: AssignRoleInput!) { assignRole(input: $i) { __typename } }"
FIND_ORG = """query($f: OrganizationFilter) { organizations(filter: $f, first: 1) {
  edges { node { id } } } }"""
CREATE_ORG = """mutation($i: CreateOrganizationInput!) {
  createOrganization(input: $i) { organization { id } } }"""
LEVELS = ["GROUP", "GRID", "COMMUNITY", "STREET", "DISTRICT"]
ROUTING = "query($id: ID!) { routingLevel(orgUnitId: $id) }"
TITLES = """query($f: CaseFilter) { cases(filter: $f, first: 100) { edges { node { title } } } }"""
FIND_PERSON = """query($f: PersonFilter) { people(filter: $f, first: 1) {
  edges { node { id } } } }"""
IMPORT = """mutation($i: ImportCasesInput!) { importCases(input: $i) { imported skipped } }"""


class Cast:
    """The people of the demo: found by phone or registered, logged in only to act."""

    def __init__(self, ctx: DemoContext) -> None:
        self.ctx = ctx
        self.ids: dict[str, str] = {}
        self.clients: dict[str, GraphQLClient] = {}
        self.organizations: dict[str, str] = {}

    def organization(self, key: str) -> str:
        if key not in self.organizations:
            kind, name, unit = ORGANIZATIONS[key]
            found = self.ctx.client.execute(FIND_ORG, {"f": {"name": name}})
            edges = found["organizations"]["edges"]
            if edges:
                self.organizations[key] = edges[0]["node"]["id"]
            else:
                made = self.ctx.client.execute(
                    CREATE_ORG,
                    {"i": {"kind": kind, "name": name, "orgUnitId": self.ctx.unit(*unit)}},
                )
                self.organizations[key] = made["createOrganization"]["organization"]["id"]
        return self.organizations[key]

    def __getitem__(self, key: str) -> GraphQLClient:
        """A client logged in as this person."""
        if key not in self.clients:
            self.id(key)
            client = GraphQLClient(self.ctx.client.url)
            login = client.execute(LOGIN, {"i": {"phone": CAST[key][1], "password": PASSWORD}})
            client.token = login["login"]["accessToken"]
            self.clients[key] = client
        return self.clients[key]

    def id(self, key: str) -> str:
        if key not in self.ids:
            name, phone, role, unit, organization = CAST[key]
            found = self.ctx.client.execute(FIND_PERSON, {"f": {"phoneStartsWith": phone}})
            edges = found["people"]["edges"]
            if edges:
                self.ids[key] = edges[0]["node"]["id"]
                return self.ids[key]
            made = self.ctx.client.execute(
                REGISTER,
                {"i": {"name": name, "phone": phone, "password": PASSWORD,
                       "orgUnitId": self.ctx.unit(*unit)}},
            )  # fmt: skip
            self.ids[key] = made["registerPerson"]["person"]["id"]
            self.ctx.client.execute(
                ASSIGN,
                {"i": {"personId": self.ids[key], "role": role, "orgUnitId": self.ctx.unit(*unit),
                       "organizationId": self.organization(organization) if organization
                       else None}},
            )  # fmt: skip
        return self.ids[key]


def _wait_for_routing(
    ctx: DemoContext, unit: tuple[str, ...], level: str, timeout: float = 60
) -> None:
    """cases learns roles from people's events: wait until it routes this place to `level` or
    lower (lower when the people stage put chiefs or grid staff there too)."""
    deadline = time.monotonic() + timeout

    def routed() -> int:
        found = ctx.client.execute(ROUTING, {"id": ctx.unit(*unit)})["routingLevel"]
        return LEVELS.index(found) if found else len(LEVELS)

    while routed() > LEVELS.index(level):
        if time.monotonic() > deadline:
            raise TimeoutError(f"cases does not route {unit[-1]} to {level} yet")
        time.sleep(0.3)


def _exists(client: GraphQLClient, ctx: DemoContext, unit: tuple[str, ...], title: str) -> bool:
    found = client.execute(TITLES, {"f": {"orgUnitId": ctx.unit(*unit)}})
    return any(e["node"]["title"] == title for e in found["cases"]["edges"])


def _do(client: GraphQLClient, mutation: str, fields: dict[str, Any]) -> dict[str, Any]:
    name = mutation[0].upper() + mutation[1:]
    query = f"mutation($i: {name}Input!) {{ {mutation}(input: $i) {{ case {{ id level }} }} }}"
    case: dict[str, Any] = client.execute(query, {"i": fields})[mutation]["case"]
    return case


def _named_case(
    ctx: DemoContext, cast: Cast, reporter: str, unit: tuple[str, ...], level: str,
    report: dict[str, Any], steps: list[tuple[str, str, dict[str, Any]]],
) -> bool:  # fmt: skip
    """Report a case as `reporter` and walk it through `steps` (who, mutation, fields)."""
    if _exists(cast[reporter], ctx, unit, report["title"]):
        return False
    _wait_for_routing(ctx, unit, level)
    case = _do(cast[reporter], "reportCase", {**report, "orgUnitId": ctx.unit(*unit)})
    for who, mutation, fields in steps:
        if mutation == "escalateCase" and LEVELS.index(case["level"]) >= LEVELS.index(
            fields["toLevel"]
        ):
            continue  # already routed that high: nothing to climb
        case = _do(cast[who], mutation, {"caseId": case["id"], **fields})
    return True


def _named(ctx: DemoContext, cast: Cast) -> int:
    for key in CAST:  # everyone first, so cases routes with every role known
        cast.id(key)
    made = 0
    made += _named_case(
        ctx, cast, "li_na", HARBIN, "GROUP",
        {"title": "Sewage pipe burst at Harbin Road No. 3", "category": "SEWAGE_WATER",
         "priority": "HIGH", "channel": "APP",
         "description": "Sewage is coming up through the yard drain behind the building."},
        [
            ("wang_fang", "escalateCase", {"toLevel": "COMMUNITY", "reason": "BEYOND_AUTHORITY",
                                           "note": "Whistle: the main pipe is under the yard."}),
            ("chen_jing", "postOrder", {}),
            ("liu_yang", "takeOrder", {}),
            ("liu_yang", "startCase", {}),
            ("liu_yang", "resolveCase",
             {"resolution": "Replaced 6 m of cast-iron pipe and cleaned the yard."}),
            ("li_na", "rateCase", {"score": 5, "comment": "Fixed the same day, thank you!"}),
        ],
    )  # fmt: skip
    made += _named_case(
        ctx, cast, "zhang_wei", LIAOYUAN, "COMMUNITY",
        {"title": "Collapsed drying rack at Liaoyuan Road No. 26",
         "category": "PROPERTY_MANAGEMENT",
         "channel": "WECHAT", "description": "The shared drying rack in the courtyard fell over."},
        [("chen_jing", "postOrder", {}), ("liu_yang", "takeOrder", {})],
    )  # fmt: skip
    made += _named_case(
        ctx, cast, "sun_li", NORTH_GATE, "GRID",
        {"title": "60 mobile vendors block the north gate of Taohuajing",
         "category": "MARKET_VENDORS", "priority": "HIGH", "channel": "MEETING",
         "reporterId": cast.id("zhao_min"),
         "description": "Raised at the residents' meeting: stalls block the gate every evening."},
        [
            ("sun_li", "escalateCase", {"toLevel": "STREET", "reason": "BEYOND_AUTHORITY",
                                        "note": "Needs a site and licences: beyond us."}),
            ("zhou_qiang", "dispatchCase", {"organizationId": cast.organization("urban")}),
            ("wu_hua", "acceptCase", {}),
            ("wu_hua", "startCase", {}),
            ("wu_hua", "resolveCase", {"resolution": "Opened an evening night market: "
                                                     "60 licensed stalls, the gate is clear."}),
            ("zhao_min", "rateCase", {"score": 5, "comment": "The gate is clear, and a market!"}),
        ],
    )  # fmt: skip
    made += _named_case(
        ctx, cast, "luo_qing", JINGCHENGYUAN, "STREET",
        {"title": "Ground collapse in front of Jingchengyuan Building 5",
         "category": "INFRASTRUCTURE", "priority": "URGENT", "channel": "HOTLINE",
         "description": "A two-metre hole opened in the path after the rain."},
        [
            ("zheng_bo", "escalateCase", {"toLevel": "STREET", "reason": "BEYOND_AUTHORITY",
                                          "note": "Structural: for the street to dispatch."}),
            ("zheng_bo", "dispatchCase", {"organizationId": cast.organization("housing")}),
            ("xie_dong", "acceptCase", {}),
            ("xie_dong", "startCase", {}),
        ],
    )  # fmt: skip
    return made


def _at(month: int, day: int, hour: int = 9) -> datetime:
    return datetime(YEAR, month, day, hour, tzinfo=UTC)


def _iso(at: datetime | None) -> str | None:
    return at.isoformat().replace("+00:00", "Z") if at else None


def _historical(ctx: DemoContext, cast: Cast) -> list[dict[str, Any]]:
    block = ctx.unit(*CAST["lin_xiu"][3])
    return [
        {"ref": "demo-water-bill-arrears", "title": "Water-bill arrears left by the previous owner",
         "category": "SEWAGE_WATER", "channel": "VISIT", "orgUnitId": block,
         "reportedAt": _iso(_at(2, 10)), "reporterId": cast.id("lin_xiu"),
         "handlerId": cast.id("ma_lin"), "handlerRole": "GRID_MEMBER",
         "respondedAt": _iso(_at(2, 10, 15)), "resolvedAt": _iso(_at(2, 14)),
         "resolution": "Agreed an instalment plan with the water company; supply kept on.",
         "closedAt": _iso(_at(2, 15)), "rating": 4},
        {"ref": "demo-holiday-parking",
         "title": "Not enough parking over the Spring Festival holiday",
         "category": "PARKING_TRAFFIC", "channel": "WECHAT", "orgUnitId": block,
         "reportedAt": _iso(_at(2, 16)), "reporterId": cast.id("lin_xiu"),
         "handlerId": cast.id("he_ping"), "handlerRole": "GROUP_CHIEF",
         "respondedAt": _iso(_at(2, 16, 11)), "resolvedAt": _iso(_at(2, 17)),
         "resolution": "Opened the school playground for residents' cars over the holiday.",
         "closedAt": _iso(_at(2, 18)), "rating": 5},
    ]  # fmt: skip


CATEGORIES = [
    ("ENVIRONMENT", 18), ("INFRASTRUCTURE", 12), ("SEWAGE_WATER", 12), ("PARKING_TRAFFIC", 14),
    ("PROPERTY_MANAGEMENT", 14), ("MARKET_VENDORS", 6), ("NEIGHBOR_DISPUTE", 9),
    ("PUBLIC_SAFETY", 5), ("ELDERLY_CARE", 6), ("SUGGESTION", 4),
]  # fmt: skip
TITLES_BY_CATEGORY = {
    "ENVIRONMENT": "Rubbish piling up by the bins", "INFRASTRUCTURE": "Broken streetlight",
    "SEWAGE_WATER": "Blocked drain", "PARKING_TRAFFIC": "Cars parked on the fire lane",
    "PROPERTY_MANAGEMENT": "Lift out of order", "MARKET_VENDORS": "Stall blocking the pavement",
    "NEIGHBOR_DISPUTE": "Noise from the flat upstairs", "PUBLIC_SAFETY": "Loose manhole cover",
    "ELDERLY_CARE": "Elderly neighbour needs meal delivery",
    "SUGGESTION": "More benches in the park",
}  # fmt: skip


def _generated(ctx: DemoContext, cast: Cast, named_in_wangcheng: int) -> list[dict[str, Any]]:
    """A deterministic year of Wangcheng cases topping the named ones up to the targets."""
    rng = random.Random(YEAR)
    count = TARGET_COLLECTED - named_in_wangcheng
    unhandled = TARGET_COLLECTED - TARGET_HANDLED
    places = [
        (ctx.unit(*CAST["lin_xiu"][3]), "ma_lin", "GRID_MEMBER"),
        (ctx.unit(*CAST["he_ping"][3]), "he_ping", "GROUP_CHIEF"),
        (ctx.unit(*NORTH_GATE), "xu_jun", "GRID_MEMBER"),
    ]
    reporters = [cast.id("lin_xiu"), cast.id("zhao_min"), None]
    names, weights = zip(*CATEGORIES, strict=True)
    start, span = _at(1, 1, 0), (_at(11, 15, 0) - _at(1, 1, 0)).total_seconds()
    items = []
    for i in range(count):
        unit, handler, role = places[i % len(places)]
        category = rng.choices(names, weights)[0]
        reported = start + timedelta(seconds=rng.random() * span)
        item: dict[str, Any] = {
            "ref": f"demo-wc-{i:05d}", "title": f"{TITLES_BY_CATEGORY[category]} ({i + 1})",
            "category": category, "orgUnitId": unit, "reportedAt": _iso(reported),
            "channel": rng.choice(["APP", "APP", "WECHAT", "HOTLINE", "VISIT"]),
            "priority": rng.choice(["NORMAL", "NORMAL", "NORMAL", "HIGH", "LOW", "URGENT"]),
            "reporterId": rng.choice(reporters),
        }  # fmt: skip
        responded = reported + timedelta(hours=rng.uniform(0.5, 30))
        if i < unhandled // 2:  # rejected as duplicates
            item |= {"respondedAt": _iso(responded), "rejectedReason": "Duplicate of an open case"}
        elif i < unhandled:  # still open: reported in the last days
            item["reportedAt"] = _iso(_at(11, 16) + timedelta(hours=rng.uniform(0, 150)))
        else:
            resolved = responded + timedelta(hours=rng.uniform(2, 110))
            rating = rng.choice([5, 5, 5, 4, 4, 3, None]) if item["reporterId"] else None
            item |= {
                "handlerId": cast.id(handler), "handlerRole": role,
                "respondedAt": _iso(responded), "resolvedAt": _iso(resolved),
                "resolution": "Handled on site.", "rating": rating,
                "closedAt": _iso(resolved + timedelta(hours=rng.uniform(1, 160))),
            }  # fmt: skip
        items.append(item)
    return items


def _import(cast: Cast, items: list[dict[str, Any]]) -> tuple[int, int]:
    imported = skipped = 0
    admin = cast["gao_lei"]
    for start in range(0, len(items), IMPORT_BATCH):
        result = admin.execute(IMPORT, {"i": {"cases": items[start : start + IMPORT_BATCH]}})
        imported += result["importCases"]["imported"]
        skipped += result["importCases"]["skipped"]
    return imported, skipped


def load(ctx: DemoContext) -> str:
    ensure_admin_token(ctx)
    cast = Cast(ctx)
    named = _named(ctx, cast)
    history = _historical(ctx, cast)
    # the night market case (live, closed this year) and the two historical ones are Wangcheng's
    generated = _generated(ctx, cast, named_in_wangcheng=1 + len(history))
    imported, skipped = _import(cast, history + generated)
    return (
        f"4 named cases ({named} worked now), {len(history) + len(generated)} past cases "
        f"({imported} imported now, {skipped} already there)"
    )
