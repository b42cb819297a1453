"""Exports and the public board (issue 18) against the demo stack, through the gateway.

An export is a statistics read in a file: the same people are refused (a resident, an anonymous
caller, another district's admin) and get no file, and nothing is written. The public board is
for anyone: it answers without a token, with counts and rates only.
"""

from __future__ import annotations

import base64
import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.abuse._attacker import Attacker, error_codes
from tests.abuse._cases import CHEN_HUA, SHI_KAI
from tests.abuse._privacy import unit_by_name

pytestmark = pytest.mark.e2e

BEIJING = ZoneInfo("Asia/Shanghai")
EXPORT = """query($u: ID!, $from: DateTime!, $to: DateTime!, $content: CaseExportContent!) {
  caseExport(orgUnitId: $u, from: $from, to: $to, content: $content, format: CSV) {
    filename rowCount base64 } }"""
BOARD = """query($u: ID!, $from: DateTime!, $to: DateTime!) {
  publicBoard(orgUnitId: $u, from: $from, to: $to) {
    suppressedBelow rows { orgUnitId name kind collected handled completionRate suppressed } } }"""
BOARD_ROW_FIELDS = {
    "orgUnitId",
    "name",
    "kind",
    "collected",
    "handled",
    "completionRate",
    "suppressed",
}


def _last_year() -> dict[str, str]:
    """The 365 days up to now: the demo's cases were reported in them, whatever today is."""
    now = datetime.now(UTC)
    return {"from": (now - timedelta(days=365)).isoformat(), "to": now.isoformat()}


def _last_twelve_months() -> dict[str, str]:
    """Whole Beijing months from a year before this month to the end of this one."""
    today = datetime.now(BEIJING).date()
    end = date(today.year + today.month // 12, today.month % 12 + 1, 1)
    start = date(end.year - 1, end.month, 1)
    return {
        key: datetime.combine(day, time(0), tzinfo=BEIJING).astimezone(UTC).isoformat()
        for key, day in (("from", start), ("to", end))
    }


async def _writes(attacker: Attacker) -> tuple[int, int]:
    db = attacker.db("cases")
    return await db["cases"].count_documents({}), await db["outbox"].count_documents({})


def _refused_without_a_file(body: dict[str, Any], codes: set[str]) -> bool:
    return body.get("data") is None and bool(error_codes(body) & codes)


async def test_resident_cannot_export_their_community_cases(attacker: Attacker) -> None:
    unit = await unit_by_name(attacker, "桃花井社区")
    before = await _writes(attacker)

    body = await attacker.graphql(
        EXPORT,
        {"u": unit["_id"], "content": "CASES", **_last_year()},
        token=attacker.token(SHI_KAI),
    )

    assert _refused_without_a_file(body, {"FORBIDDEN"}), body
    assert await _writes(attacker) == before


async def test_anonymous_caller_cannot_export_a_district(attacker: Attacker) -> None:
    unit = await unit_by_name(attacker, "望城区")

    body = await attacker.graphql(
        EXPORT, {"u": unit["_id"], "content": "STATISTICS", **_last_year()}
    )

    assert _refused_without_a_file(body, {"UNAUTHENTICATED", "FORBIDDEN"}), body


async def test_district_admin_cannot_export_another_district(attacker: Attacker) -> None:
    other = await unit_by_name(attacker, "市北区")

    body = await attacker.graphql(
        EXPORT,
        {"u": other["_id"], "content": "CASES", **_last_year()},
        token=attacker.token(CHEN_HUA),
    )

    assert _refused_without_a_file(body, {"FORBIDDEN"}), body


async def test_district_admin_export_carries_no_reporter_data(attacker: Attacker) -> None:
    # given the reporters of Wangcheng's cases, as people stores them
    mine = await unit_by_name(attacker, "望城区")
    cases = attacker.db("cases")["cases"]
    reporters = {
        doc["reporterId"]
        async for doc in cases.find({"orgUnitPath": mine["_id"], "reporterId": {"$ne": None}})
    }
    persons = attacker.db("people")["persons"].find({"_id": {"$in": list(reporters)}})
    private = [value async for p in persons for value in (p.get("phone"), p.get("name")) if value]
    assert private, "the demo has reported cases with reporters"

    # when their own admin exports the district's case list
    body = await attacker.graphql(
        EXPORT,
        {"u": mine["_id"], "content": "CASES", **_last_year()},
        token=attacker.token(CHEN_HUA),
    )

    # then it has the cases, and no reporter's phone or name
    assert "errors" not in body, body
    text = base64.b64decode(body["data"]["caseExport"]["base64"]).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert body["data"]["caseExport"]["rowCount"] == len(rows) - 1 > 0
    assert [value for value in private if str(value) in text] == []


async def test_public_board_answers_anyone_with_counts_only(attacker: Attacker) -> None:
    district = await unit_by_name(attacker, "望城区")
    titles = [
        str(doc["title"])
        async for doc in attacker.db("cases")["cases"].find({"orgUnitPath": district["_id"]})
    ]

    body = await attacker.graphql(BOARD, {"u": district["_id"], **_last_twelve_months()})

    assert "errors" not in body, body
    rows = body["data"]["publicBoard"]["rows"]
    assert rows[0]["orgUnitId"] == district["_id"]
    assert all(set(row) == BOARD_ROW_FIELDS for row in rows)
    assert all(row["kind"] in {"DISTRICT", "STREET", "COMMUNITY"} for row in rows)
    assert all(
        row["collected"] is None or row["collected"] == 0 or row["collected"] >= 5 for row in rows
    )
    assert [t for t in titles if t in str(body)] == []


async def test_public_board_schema_has_no_personal_field(attacker: Attacker) -> None:
    body = await attacker.graphql(
        '{ __type(name: "PublicBoardRow") { fields { name type { name kind } } } }'
    )

    fields = body["data"]["__type"]["fields"]
    assert {f["name"] for f in fields} == BOARD_ROW_FIELDS
    # scalars only: nothing to follow from a row to a case, a person or a place
    assert all(f["type"]["kind"] in {"SCALAR", "NON_NULL"} for f in fields)


async def test_anonymous_caller_cannot_narrow_the_board_to_a_grid(attacker: Attacker) -> None:
    grid = await attacker.people_doc("org_units", kind="GRID")

    body = await attacker.graphql(BOARD, {"u": grid["_id"], **_last_twelve_months()})

    assert body.get("data") is None
    assert error_codes(body) == {"NOT_FOUND"}, body
