"""Statistics on org units, now that a refused field nulls only itself (issue 17).

The fields cases adds to people's org units are nullable, so a refusal no longer blanks the whole
unit. These check that the refusal still holds and leaks no figure: the unit comes back, its
`caseStats` is null with FORBIDDEN at that path, and nothing is written.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from tests.abuse._attacker import Attacker
from tests.abuse._cases import CHEN_HUA, SHI_KAI
from tests.abuse._privacy import unit_by_name

pytestmark = pytest.mark.e2e

STATS = """query($u: ID!, $from: DateTime!, $to: DateTime!) { orgUnit(id: $u) { id name
  caseStats(from: $from, to: $to) {
    collected completionRate } } }"""
DASHBOARD = """query($a: ID!, $b: ID!, $from: DateTime!, $to: DateTime!) {
  a: orgUnit(id: $a) { name caseStats(from: $from, to: $to) {
    collected } }
  b: orgUnit(id: $b) { name caseStats(from: $from, to: $to) {
    collected } } }"""


def _last_year() -> dict[str, str]:
    """The 365 days up to now: the demo's cases were reported in them, whatever today is."""
    now = datetime.now(UTC)
    return {"from": (now - timedelta(days=365)).isoformat(), "to": now.isoformat()}


async def _case_count(attacker: Attacker) -> int:
    return await attacker.db("cases")["cases"].count_documents({})


def _forbidden_at(body: dict[str, Any], path: list[str]) -> bool:
    return any(
        e.get("path") == path and e.get("extensions", {}).get("code") == "FORBIDDEN"
        for e in body.get("errors", [])
    )


async def test_resident_cannot_read_their_community_statistics(attacker: Attacker) -> None:
    unit = await unit_by_name(attacker, "桃花井社区")
    before = await _case_count(attacker)

    body = await attacker.graphql(
        STATS, {"u": unit["_id"], **_last_year()}, token=attacker.token(SHI_KAI)
    )

    assert "data" in body, body
    assert body["data"]["orgUnit"]["name"] == "桃花井社区"
    assert body["data"]["orgUnit"]["caseStats"] is None
    assert _forbidden_at(body, ["orgUnit", "caseStats"]), body
    assert await _case_count(attacker) == before


async def test_anonymous_caller_gets_no_statistics(attacker: Attacker) -> None:
    unit = await unit_by_name(attacker, "望城区")

    body = await attacker.graphql(STATS, {"u": unit["_id"], **_last_year()})

    assert body["data"]["orgUnit"]["caseStats"] is None
    assert {e.get("extensions", {}).get("code") for e in body["errors"]} & {
        "UNAUTHENTICATED",
        "FORBIDDEN",
    }, body


async def test_district_admin_gets_only_their_own_district_statistics(attacker: Attacker) -> None:
    # Chen Hua administers Wangcheng; Shibei is another city's district.
    mine = await unit_by_name(attacker, "望城区")
    other = await unit_by_name(attacker, "市北区")

    body = await attacker.graphql(
        DASHBOARD,
        {"a": mine["_id"], "b": other["_id"], **_last_year()},
        token=attacker.token(CHEN_HUA),
    )

    assert body["data"]["a"]["caseStats"]["collected"] > 0
    assert body["data"]["b"]["name"] == "市北区"
    assert body["data"]["b"]["caseStats"] is None
    assert _forbidden_at(body, ["b", "caseStats"]), body
