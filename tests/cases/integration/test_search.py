"""Text search of cases (issue 18 B) over the real service and MongoDB: Chinese by character
pairs, English by words, within what the reader may read, on the searchTerms index; cases
stored before search get their terms at start."""

from __future__ import annotations

from typing import Any

from grassroots_cases.adapters import search_terms
from grassroots_cases.adapters.case_documents import to_doc
from grassroots_cases.domain.ids import CaseId, OrgUnitId, PersonId

from tests.cases.integration.conftest import Cases
from tests.cases.integration.world import PATHS
from tests.cases.unit.builders import case

SEARCH = """query($text: String!) { cases(filter: {text: $text}, first: 50) {
  totalCount edges { node { title } } } }"""


async def _titles(cases: Cases, who: str, text: str) -> list[str]:
    body = await cases.gql(who, SEARCH, {"text": text})
    assert "errors" not in body, body
    return sorted(e["node"]["title"] for e in body["data"]["cases"]["edges"])


async def _seed(cases: Cases) -> None:
    await cases.report(title="小区下水道堵塞", description="污水从井盖冒出来，气味很大")
    # 水道 and 下 are in it, but not 下水 nor so 下水道
    await cases.report(title="楼道自来水管漏水", description="水道口下面一直滴水")
    await cases.report(
        who="res-2", title="Streetlight broken near the north gate", category="INFRASTRUCTURE"
    )


async def test_searching_chinese_finds_only_the_case_holding_every_character_pair(cases: Cases):
    await _seed(cases)

    assert await _titles(cases, "cstaff", "下水道") == ["小区下水道堵塞"]
    assert await _titles(cases, "cstaff", "气味") == ["小区下水道堵塞"]  # in the description
    assert await _titles(cases, "cstaff", "漏水") == ["楼道自来水管漏水"]
    assert await _titles(cases, "cstaff", "水") == ["小区下水道堵塞", "楼道自来水管漏水"]


async def test_searching_english_matches_whole_words_in_any_case(cases: Cases):
    await _seed(cases)

    assert await _titles(cases, "cstaff", "STREETLIGHT gate") == [
        "Streetlight broken near the north gate"
    ]
    assert await _titles(cases, "cstaff", "streetlight pipe") == []


async def test_a_search_shows_only_what_the_reader_may_read(cases: Cases):
    await _seed(cases)

    # a resident finds their own case, not their neighbour's
    assert await _titles(cases, "res-1", "streetlight") == []
    assert await _titles(cases, "res-2", "streetlight") == [
        "Streetlight broken near the north gate"
    ]
    assert await _titles(cases, "res-2", "下水道") == []
    # anonymous: an empty list, as without a search
    anonymous = await cases.gql(None, SEARCH, {"text": "下水道"})
    assert anonymous["data"]["cases"] == {"totalCount": 0, "edges": []}


async def test_a_search_with_nothing_to_look_for_is_refused_and_changes_nothing(cases: Cases):
    body = await cases.gql("cstaff", SEARCH, {"text": "！？"})

    assert body["errors"][0]["extensions"] == {"code": "BAD_USER_INPUT", "field": "text"}


async def test_a_search_reads_the_search_terms_index(cases: Cases):
    await _seed(cases)
    db = cases.db
    await db.command("profile", 0)
    await db["system.profile"].drop()
    await db.command("profile", 2)
    try:
        found = await _titles(cases, "cstaff", "下水道")
    finally:
        await db.command("profile", 0)
    ops = [
        p
        async for p in db["system.profile"].find(
            {"ns": {"$regex": r"\.cases$"}, "op": {"$in": ["query", "command"]}}
        )
    ]

    assert found == ["小区下水道堵塞"]
    plans = [str(p.get("planSummary")) for p in ops if p.get("planSummary")]
    assert plans, ops
    assert all("COLLSCAN" not in plan for plan in plans), plans
    assert any("searchTerms" in plan for plan in plans), plans


async def test_cases_stored_before_search_get_their_terms_once(cases: Cases):
    path = tuple(OrgUnitId(p) for p in PATHS["b1"])
    old: dict[str, Any] = to_doc(
        case(
            id=CaseId("legacy"),
            number="WC-2025-000001",
            title="旧案：下水道返味",
            org_unit_id=path[-1],
            org_unit_path=path,
            reporter_id=PersonId("res-1"),
        )
    )
    del old["searchTerms"]
    await cases.db["cases"].insert_one(old)
    assert await _titles(cases, "cstaff", "下水道") == []

    first = await search_terms.backfill(cases.db)
    again = await search_terms.backfill(cases.db)

    assert (first, again) == (1, 0)
    assert await _titles(cases, "cstaff", "下水道") == ["旧案：下水道返味"]
