"""After the cases: a few people follow cases and choose how they are told.

The notices themselves are not loaded: notifications put them in the cast's inboxes as the
earlier stages' events arrived (Zhao Min hears her report was assigned, the grid members and
chiefs of each area hear of its new cases, the volunteers of the order board's communities of
its orders). This stage adds what only people do: Zhou Min, community staff of Taohuajing,
follows Zhao Min's case; Zhao Min keeps quiet hours from 22:00 to 07:00 (Beijing time) and
reads in English. Idempotent: following is, and preferences are set whole.
"""

from __future__ import annotations

from scripts.demo.auth import login
from scripts.demo.context import DemoContext
from scripts.demo.graphql_client import GraphQLClient
from scripts.demo.people_cast import BY_PINYIN, PASSWORD

MY_CASES = "{ cases(first: 1) { edges { node { id number } } } }"
FOLLOW = """mutation($i: FollowCaseInput!) { followCase(input: $i) { followerCount } }"""
PREFS = """mutation($input: SetNoticePreferencesInput!) {
  setNoticePreferences(input: $input) { preferences { quietHours { start end } } } }"""
UNREAD = "{ unreadNoticeCount }"


def _as(ctx: DemoContext, pinyin: str) -> GraphQLClient:
    token = login(ctx, BY_PINYIN[pinyin].phone, PASSWORD)
    return GraphQLClient(ctx.client.url, token)


def load(ctx: DemoContext) -> str:
    zhao = _as(ctx, "Zhao Min")
    edges = zhao.execute(MY_CASES)["cases"]["edges"]
    followed = ""
    if edges:
        case = edges[0]["node"]
        _as(ctx, "Zhou Min").execute(FOLLOW, {"i": {"caseId": case["id"]}})
        followed = f"Zhou Min follows {case['number']}; "
    zhao.execute(
        PREFS, {"input": {"quietHours": {"start": "22:00", "end": "07:00"}, "locale": "EN"}}
    )
    unread = zhao.execute(UNREAD)["unreadNoticeCount"]
    return f"{followed}Zhao Min keeps quiet hours 22:00-07:00 and has {unread} unread notices"
