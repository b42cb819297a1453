"""The demo loader fills the stack through the gateway, and a second run changes nothing; what it
loads is the practice: its places (a TOWN with VILLAGEs), one cast with one password, the named
cases worked as the practice tells them, figures that are what the flows did, and points earned
and spent in the same communities."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any

import httpx
from grassroots_kit.media.images import gps_from_bytes

from scripts.demo.area import count
from scripts.demo.cases import BEIJING, YEAR, expected_figures
from scripts.demo.people_cast import BY_PINYIN, CAST
from tests.static.test_doc_examples import curl_bodies
from tests.support.demo import DEMO_PASSWORD, run_loader
from tests.support.stack import ROOT, Stack, post_graphql

UNIT = """query($name: String!) { orgUnits(filter: {name: $name}, first: 1) {
  edges { node { id name kind ancestors { name } children { totalCount edges { node { kind } } }
  cases { totalCount } } } } }"""
LOGIN = """mutation($p: String!, $w: String!) { login(input: {phone: $p, password: $w}) {
  accessToken personId } }"""
CASES = """query($f: CaseFilter) { cases(filter: $f, first: 20) { edges { node {
  title status resolution photos { url thumbnailUrl } resolutionPhotos { url }
  orgUnit { name ancestors { name } } assignedOrganization { name }
  handlers { person { name } role } rating { score }
  timeline { action note actor { name } decision { outcome method votesFor householdsInvited } }
  costShare { state totalFen pledgedFen coveredFen householdCount
    covers { organization { name } amountFen } } } } } }"""
STATS = """query($id: ID!, $from: DateTime!, $to: DateTime!) {
  caseStats(orgUnitId: $id, from: $from, to: $to) { collected handled rejected } }"""
ME = """{ me { name household { address orgUnit { ancestors { name } } }
  points { balance earnedTotal } } }"""
MEETINGS = """query($id: ID!) { orgUnit(id: $id) {
  meetings(first: 10, filter: {kinds: [DISCUSSION_DAY]}) { totalCount edges { node {
    title status recurrence { weekday } attendance { name }
    agenda { title survey { title } decision { method outcome
      tally { votesFor votesAgainst voted invited quorumMet } } } } } } } }"""
SURVEYS = """query($id: ID!) { orgUnit(id: $id) { surveys(first: 10) { totalCount edges { node {
  title status responseCount anonymous
  results { responses questions { answered options { count } scaleMean } } } } } } }"""
SERVED = """{ me { points { balance earnedTotal } serviceRecord { attendances minutesServed } } }"""
REWARDS = """query($id: ID!) { rewards(orgUnitId: $id, first: 20) { edges { node { name } } } }"""


def _gql(
    stack: Stack, query: str, variables: dict[str, Any] | None = None, token: str | None = None
) -> dict[str, Any]:
    body = post_graphql(f"{stack.gateway.url}/graphql", query, variables, token=token)
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


def _fetch(stack: Stack, path: str) -> bytes:
    """A photo through the gateway (a path a Photo field gave)."""
    answer = httpx.get(f"{stack.gateway.url}{path}", timeout=30)
    assert answer.status_code == 200, answer.text
    return answer.content


def _login(stack: Stack, who: str) -> str:
    data = _gql(stack, LOGIN, {"p": BY_PINYIN[who].phone, "w": DEMO_PASSWORD})
    return str(data["login"]["accessToken"])


def _unit(stack: Stack, name: str, token: str | None = None) -> dict[str, Any]:
    node: dict[str, Any] = _gql(stack, UNIT, {"name": name}, token)["orgUnits"]["edges"][0]["node"]
    return node


def _case(stack: Stack, token: str, reporter: str) -> dict[str, Any]:
    person = _gql(stack, LOGIN, {"p": BY_PINYIN[reporter].phone, "w": DEMO_PASSWORD})["login"]
    edges = _gql(stack, CASES, {"f": {"reporterId": person["personId"]}}, token)["cases"]["edges"]
    assert len(edges) == 1, edges
    case: dict[str, Any] = edges[0]["node"]
    return case


async def test_the_demo_area_loads_once_and_reloading_is_a_no_op(stack: Stack, stack_cleanup: None):
    first = await asyncio.to_thread(run_loader, stack)
    second = await asyncio.to_thread(run_loader, stack)

    units = count()
    assert f"{units} org units ({units} created now)" in first
    assert f"{units} org units (0 created now)" in second
    assert "(0 imported now" in second
    assert "(0 worked now)" in second
    community = _unit(stack, "桃花井社区")
    assert community["ancestors"] == [{"name": "望城区"}, {"name": "高塘岭街道"}]
    assert community["children"]["totalCount"] == 2
    # Anonymous callers see no case; the community's secretary sees its demo cases.
    assert community["cases"] == {"totalCount": 0}
    staff = _unit(stack, "桃花井社区", _login(stack, "Li Lang"))
    assert staff["cases"]["totalCount"] > 0
    # The README's examples, sent as they are written there.
    async with httpx.AsyncClient(timeout=30) as client:
        for example in curl_bodies(ROOT / "README.md"):
            if json.loads(example)["query"].lstrip().startswith("subscription"):
                continue  # signed in and streamed: tests/e2e/test_live_updates.py
            response = await client.post(
                f"{stack.gateway.url}/graphql",
                content=example,
                headers={"content-type": "application/json"},
            )
            answer = response.json()
            assert response.status_code == 200, answer
            assert "errors" not in answer, answer

    # The places: Chunhua is a TOWN of VILLAGEs, Lukou's seat a TOWN; Lukou is there.
    chunhua = _unit(stack, "春华镇")
    assert chunhua["kind"] == "TOWN"
    assert {e["node"]["kind"] for e in chunhua["children"]["edges"]} == {"VILLAGE"}
    assert _unit(stack, "渌口镇")["ancestors"] == [{"name": "渌口区"}]

    # One cast, one password: everyone named logs in with the README's password.
    for member in CAST:
        assert _login(stack, member.pinyin)

    # Long Wei lives where his story is: at Harbin Road No. 3, Yichun Road Community (Shibei).
    long_wei = _gql(stack, ME, token=_login(stack, "Long Wei"))["me"]
    places = [a["name"] for a in long_wei["household"]["orgUnit"]["ancestors"]]
    assert places[:3] == ["市北区", "敦化路街道", "宜春路社区"]

    # The Harbin Road pipe: the department declines, the households share the cost and the red
    # partner covers the shortfall and repairs it; the resident rates it and it closes.
    shibei = _login(stack, "Sun Jie")
    harbin = _case(stack, shibei, "Li Na")
    assert harbin["status"] == "CLOSED"
    assert harbin["rating"] == {"score": 5}
    assert harbin["assignedOrganization"]["name"] == "青岛海悦物业服务有限公司"
    notes = [(e["action"], e["actor"]["name"] if e["actor"] else None, e["note"] or "")
             for e in harbin["timeline"]]  # fmt: skip
    declined = next(i for i, (a, who, n) in enumerate(notes) if who == "彭涛" and "不予维修" in n)
    sent = next(i for i, (a, _, _) in enumerate(notes) if a == "SENT_TO_DELIBERATION")
    decided = [e for e in harbin["timeline"] if e["decision"]]
    shared = harbin["timeline"].index(decided[0])
    taken = next(i for i, (a, who, _) in enumerate(notes) if a == "REPORTED_FOR_DUTY")
    assert declined < sent < shared < taken
    # ... decided by the six households' meeting, one household one vote
    assert [e["decision"] for e in decided] == [
        {"outcome": "ADOPTED", "method": "HOUSEHOLD_VOTE", "votesFor": 6, "householdsInvited": 6}
    ]
    assert "【第5天】" in harbin["resolution"]
    # ... with a photo of the burst pipe and one of the repair, without their EXIF location
    assert len(harbin["photos"]) == 1
    assert len(harbin["resolutionPhotos"]) == 1
    shown = _fetch(stack, harbin["photos"][0]["url"])
    assert gps_from_bytes(shown) is None
    assert "2400" in harbin["resolution"]
    # ... and paid by the cost-sharing plan: six pledges, the red partner covering the rest
    assert harbin["costShare"] == {
        "state": "FUNDED",
        "totalFen": 720_000,
        "pledgedFen": 480_000,
        "coveredFen": 240_000,
        "householdCount": 6,
        "covers": [{"organization": {"name": "青岛海悦物业服务有限公司"}, "amountFen": 240_000}],
    }
    assert (
        "the Harbin Road pipe: decided by the households, funded, repaired and closed now" in first
    )
    assert "the Harbin Road pipe: decided, funded and closed before" in second

    # Yuanhui's Friday discussion day decided the parking-space lottery by household vote: five of
    # six households voted (a quorum), four for it; the Three Questions results on the agenda.
    binhe = _login(stack, "Zeng Guoliang")
    binhe_id = _unit(stack, "滨河春天社区")["id"]
    meetings = _gql(stack, MEETINGS, {"id": binhe_id}, binhe)["orgUnit"]["meetings"]
    assert meetings["totalCount"] == 1
    meeting = meetings["edges"][0]["node"]
    assert (meeting["status"], meeting["recurrence"]) == ("CLOSED", {"weekday": "FRIDAY"})
    [item] = meeting["agenda"]
    assert "停车位摇号" in item["title"]
    assert item["survey"]["title"].startswith("滨河春天社区“三问”")
    assert item["decision"] == {
        "method": "HOUSEHOLD_VOTE",
        "outcome": "ADOPTED",
        "tally": {"votesFor": 4, "votesAgainst": 1, "voted": 5, "invited": 6, "quorumMet": True},
    }
    assert len(meeting["attendance"]) == 6  # the convener and the five who voted
    assert "discussion day on the parking lottery (decided now)" in first
    assert "discussion day on the parking lottery (decided before)" in second
    # ... and its Three Questions survey closed with five households' (anonymous) answers.
    surveys = _gql(stack, SURVEYS, {"id": binhe_id}, binhe)["orgUnit"]["surveys"]
    assert surveys["totalCount"] == 1
    survey = surveys["edges"][0]["node"]
    assert (survey["status"], survey["responseCount"], survey["anonymous"]) == ("CLOSED", 5, True)
    results = survey["results"]
    assert results["responses"] == 5
    assert [o["count"] for o in results["questions"][1]["options"]] == [4, 0, 1]
    assert "Three Questions survey (5 answered now)" in first
    assert "Three Questions survey (0 answered now)" in second

    # The Jingchengyuan ground collapse: in Lukou, worked by its three chiefs, resolved.
    lukou = _login(stack, "Luo Bin")
    collapse = _case(stack, lukou, "Luo Qing")
    assert [a["name"] for a in collapse["orgUnit"]["ancestors"]][:3] == [
        "渌口区",
        "渌口镇",
        "京城苑社区",
    ]
    assert collapse["status"] == "CLOSED"
    actors = {e["actor"]["name"] for e in collapse["timeline"] if e["actor"]}
    assert {"易建军", "文桂兰", "谢东"} <= actors

    # Figures are what the flows did: caseStats equals the count of the same plan.
    period = {
        "from": datetime(YEAR, 1, 1, tzinfo=BEIJING).isoformat(),
        "to": datetime(YEAR + 1, 1, 1, tzinfo=BEIJING).isoformat(),
    }
    for district, admin in (("望城区", "Chen Hua"), ("渌口区", "Luo Bin")):
        token = _login(stack, admin)
        stats = _gql(stack, STATS, {"id": _unit(stack, district)["id"], **period}, token)
        expected = expected_figures(district, datetime.now(UTC))
        assert stats["caseStats"] == {
            "collected": expected.collected,
            "handled": expected.handled,
            "rejected": expected.rejected,
        }

    # Points earned where they can be spent: Tang Li's visits in Taohuajing, and Taohuajing
    # keeps a points supermarket; so does Yichun Road, where the red partner earned.
    tang_li_token = _login(stack, "Tang Li")
    tang_li = _gql(stack, ME, token=tang_li_token)["me"]
    assert tang_li["points"]["earnedTotal"] > 0
    # ... and she spent some of them there, once: soap from Taohuajing's supermarket.
    assert "Tang Li redeemed 肥皂 at home now" in first
    assert "Tang Li redeemed 肥皂 at home before" in second
    assert tang_li["points"]["balance"] == tang_li["points"]["earnedTotal"] - 5
    for name in ("桃花井社区", "宜春路社区", "金鼎山村", "京城苑社区"):
        unit = {"id": _unit(stack, name)["id"]}
        rewards = _gql(stack, REWARDS, unit, tang_li_token)["rewards"]["edges"]
        assert rewards, name
    qian_bo = _gql(stack, ME, token=_login(stack, "Qian Bo"))["me"]
    assert qian_bo["points"]["earnedTotal"] > 0

    # Jindingshan's Tuesday Good Neighbor Service Day: three volunteers checked in by the village
    # staff on two Tuesdays, three hours each; each attendance earns 5 + 3 * 2 points, once
    # (the loader ran twice and points replayed every event twice).
    assert "Good Neighbor Service Day (6 attendances confirmed now)" in first
    assert "Good Neighbor Service Day (0 attendances confirmed now)" in second
    for volunteer in ("Huang Zhiqiang", "Tang Chunhua", "Li Guilan"):
        served = _gql(stack, SERVED, token=_login(stack, volunteer))["me"]
        assert served["serviceRecord"] == {"attendances": 2, "minutesServed": 360}, volunteer
    li_guilan = _gql(stack, SERVED, token=_login(stack, "Li Guilan"))["me"]
    assert li_guilan["points"] == {"balance": 22, "earnedTotal": 22}
