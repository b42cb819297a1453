"""Last stage: point rules that reflect the practice, a "points supermarket" in each community
and village whose people earn points in the demo, and balances earned by the demo cases
already closed.

Points are earned and spent in the same places: the catalogs stand where the cast who earns
lives or serves (Taohuajing's chiefs visiting their households, Yichun Road's red partner on the
Harbin Road pipe, Jindingshan's group chief and the volunteers of its Tuesday service day,
Jingchengyuan's housing bureau and chiefs).
Balances are never written: the stage sets the rules (as the platform admin: rules are
platform-wide), then asks points to process the awarding events it has consumed again
(`reprocessEvents`), so the real award code turns each closed case, each confirmed visit and
each confirmed service-day attendance into ledger entries, once. Events that arrive later are
awarded by the consumer as they come.
Idempotent: rules are set per occasion, rewards found by name, and reprocessing is exact.
"""

from __future__ import annotations

from typing import Any

from scripts.demo.auth import ensure_admin_token
from scripts.demo.context import DemoContext
from scripts.demo.graphql_client import GraphQLClient, GraphQLFailure
from scripts.demo.people_cast import (
    BY_PINYIN,
    JINDINGSHAN,
    JINGCHENGYUAN,
    PASSWORD,
    TAOHUAJING,
    YICHUN,
)

# (event type, narrowing, points, met-deadline bonus, rated-5 bonus, what it rewards)
RULES: tuple[tuple[str, dict[str, str], int, int, int, str], ...] = (
    ("case.closed", {}, 10, 5, 5, "办结一件案件"),
    ("case.closed", {"role": "NEIGHBOR_CHIEF"}, 12, 5, 5, "邻长就近解决问题"),
    ("case.closed", {"priority": "URGENT"}, 20, 5, 5, "办结一件紧急案件"),
    ("order.taken", {}, 15, 0, 5, "从服务清单接单并办结"),
    ("visit.logged", {}, 2, 0, 0, "走访一户居民"),
    ("visit.logged", {"careLevel": "YELLOW"}, 3, 0, 0, "走访一户黄色关爱户"),
    ("visit.logged", {"careLevel": "RED"}, 5, 0, 0, "走访一户红色关爱户"),
    ("commitment.fulfilled", {}, 20, 10, 0, "兑现一项公开承诺"),
)  # fmt: skip
# A confirmed attendance at a service day or activity (participation's activity.attended):
# (points, points per whole hour served, what it rewards). A Tuesday morning of three hours at
# Jindingshan's Good Neighbor Service Day earns 5 + 3 * 2 = 11.
ACTIVITY_RULE = (5, 2, "参加好邻居服务日等志愿服务")

# What a points supermarket offers: (name, cost in points, stock).
GOODS = (
    ("大米5公斤", 50, 20),
    ("食用油1.8升", 40, 15),
    ("洗衣液2公斤", 25, 30),
    ("毛巾", 10, 50),
    ("肥皂", 5, 60),
)
# Spent where earned: Tang Li exchanges points from her visits for soap at Taohuajing's
# supermarket, and Zhou Min, who keeps it, hands it over: (who, where, reward, keeper).
SPENT = ("Tang Li", TAOHUAJING, "肥皂", "Zhou Min")
# The points supermarkets: (community or village, the staff member who keeps it).
SUPERMARKETS = (
    (TAOHUAJING, "Zhou Min"),
    (YICHUN, "Chen Jing"),
    (JINDINGSHAN, "Jin Mei"),
    (JINGCHENGYUAN, "Tan Zhi"),
)

LOGIN = "mutation($i: LoginInput!) { login(input: $i) { accessToken } }"
SET_RULE = """mutation($i: SetPointRuleInput!) { setPointRule(input: $i) { pointRule { id } } }"""
REWARDS = """query($unit: ID!, $after: String) {
  rewards(orgUnitId: $unit, first: 100, after: $after, includeInactive: true) {
    pageInfo { hasNextPage endCursor } edges { node { name } } } }"""
CREATE_REWARD = """mutation($i: CreateRewardInput!) { createReward(input: $i) { reward { id } } }"""
ME = "{ me { id points { balance } } }"
MINE = """query($f: RedemptionFilter) { redemptions(filter: $f, first: 1) {
  edges { node { id } } } }"""
REWARD_IDS = """query($unit: ID!) { rewards(orgUnitId: $unit, first: 100) {
  edges { node { id name cost } } } }"""
REDEEM = """mutation($i: RedeemRewardInput!) { redeemReward(input: $i) { redemption { id } } }"""
FULFILL = """mutation($i: FulfillRedemptionInput!) {
  fulfillRedemption(input: $i) { redemption { id } } }"""
REPROCESS = """mutation { reprocessEvents(input: {confirm: true}) { events entries } }"""


def _keeper(ctx: DemoContext, who: str) -> GraphQLClient:
    """A client logged in as a keeper of the cast (the people stage registered them)."""
    client = GraphQLClient(ctx.client.url)
    login = client.execute(LOGIN, {"i": {"phone": BY_PINYIN[who].phone, "password": PASSWORD}})
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
    points, per_hour, description = ACTIVITY_RULE
    activity = {"eventType": "activity.attended", "points": points, "pointsPerHour": per_hour}
    admin.execute(SET_RULE, {"i": {**activity, "description": description}})
    return len(RULES) + 1


def _catalog(ctx: DemoContext, unit_path: tuple[str, ...], keeper: GraphQLClient) -> int:
    unit = ctx.unit(*unit_path)
    names: set[str] = set()
    after = None
    while True:
        page = keeper.execute(REWARDS, {"unit": unit, "after": after})["rewards"]
        names.update(edge["node"]["name"] for edge in page["edges"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    created = 0
    for name, cost, stock in GOODS:
        if name not in names:
            keeper.execute(
                CREATE_REWARD,
                {"i": {"orgUnitId": unit, "name": name, "cost": cost, "stock": stock}},
            )
            created += 1
    return created


def _spend(ctx: DemoContext) -> bool:
    """Tang Li redeems once what her points buy at home, and the keeper hands it over."""
    who, place, reward_name, keeper = SPENT
    spender = _keeper(ctx, who)
    me = spender.execute(ME)["me"]
    done = spender.execute(MINE, {"f": {"personId": me["id"]}})["redemptions"]["edges"]
    if done:
        return False
    rewards = spender.execute(REWARD_IDS, {"unit": ctx.unit(*place)})["rewards"]["edges"]
    reward = next(e["node"] for e in rewards if e["node"]["name"] == reward_name)
    if (me["points"] or {}).get("balance", 0) < reward["cost"]:
        return False  # her visits have not been awarded (yet): nothing to spend
    made = spender.execute(REDEEM, {"i": {"rewardId": reward["id"]}})
    _keeper(ctx, keeper).execute(FULFILL, {"i": {"id": made["redeemReward"]["redemption"]["id"]}})
    return True


def load(ctx: DemoContext) -> str:
    ensure_admin_token(ctx)
    admin = ctx.client  # the bootstrap platform admin
    rules = _rules(admin)
    created = sum(_catalog(ctx, unit, _keeper(ctx, keeper)) for unit, keeper in SUPERMARKETS)
    # A year of closings, one transaction each: give it minutes, not the default 30 s.
    try:
        replayed = admin.execute(REPROCESS, timeout=600)["reprocessEvents"]
    except GraphQLFailure:
        # Reprocessing is exact and idempotent; once more covers a clash with live consumers.
        replayed = admin.execute(REPROCESS, timeout=600)["reprocessEvents"]
    spent = _spend(ctx)
    return (
        f"{rules} point rules, {len(SUPERMARKETS)} points supermarkets of {len(GOODS)} rewards "
        f"({created} created now); {replayed['events']} consumed events replayed, "
        f"{replayed['entries']} ledger entries earned now; "
        f"{SPENT[0]} redeemed {SPENT[2]} at home {'now' if spent else 'before (or not yet)'}"
    )
