"""`myNotices` on the whole stack through the gateway: two people subscribe, a case is
reported by one and assigned to the other, and each stream carries its own person's notices
only; an anonymous subscription is refused."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from tests.cases.e2e_area import Area, make_area
from tests.support.live import Subscription, subscribe
from tests.support.stack import Stack, remove_stack_state, running_stack

MY_NOTICES = """subscription($after: String) { myNotices(after: $after) {
  cursor notice { id kind text caseId caseNumber createdAt read } } }"""
ASSIGN = """mutation($i: AssignCaseInput!) { assignCase(input: $i) { case { status } } }"""
INBOX = """{ myInbox(first: 100) { edges { node { id } } } }"""


@pytest.fixture(scope="module")
async def stack(
    mongo_url: str, rabbit_url: str, tmp_path_factory: pytest.TempPathFactory
) -> AsyncIterator[Stack]:
    workdir: Path = tmp_path_factory.mktemp("my-notices")
    with running_stack(mongo_url, rabbit_url, workdir) as running:
        yield running
    await remove_stack_state(running, mongo_url)


def _inbox(area: Area, who: str) -> set[str]:
    return {edge["node"]["id"] for edge in area.act(who, INBOX, {})["myInbox"]["edges"]}


async def _until(live: Subscription, kind: str, case_id: str) -> list[dict[str, Any]]:
    """Every notice the stream carries up to the first of `kind` about `case_id`."""
    seen: list[dict[str, Any]] = []
    while True:
        result = await live.next(timeout=60)
        assert "errors" not in result, result
        notice = result["data"]["myNotices"]["notice"]
        assert result["data"]["myNotices"]["cursor"]
        seen.append(notice)
        if notice["kind"] == kind and notice["caseId"] == case_id:
            return seen


async def test_each_person_receives_their_own_notices_only(stack: Stack):
    area = make_area(f"{stack.gateway.url}/graphql")
    url = f"{stack.gateway.url}/graphql"
    async with (
        subscribe(url, MY_NOTICES, token=area.tokens["resident"]) as reporter,
        subscribe(url, MY_NOTICES, token=area.tokens["gridder"]) as gridder,
    ):
        case = area.report("Street lamp out by the east gate")
        area.act(
            "gridder", ASSIGN, {"i": {"caseId": case["id"], "assigneeId": area.people["gridder"]}}
        )
        gridders = await _until(gridder, "CASE_ASSIGNED_TO_YOU", case["id"])
        reporters = await _until(reporter, "CASE_ASSIGNED", case["id"])

    assert case["number"] in gridders[-1]["text"]
    assert gridders[-1]["read"] is False
    gridder_inbox, reporter_inbox = _inbox(area, "gridder"), _inbox(area, "resident")
    assert {n["id"] for n in gridders} <= gridder_inbox
    assert {n["id"] for n in reporters} <= reporter_inbox
    assert not {n["id"] for n in gridders} & reporter_inbox
    assert not {n["id"] for n in reporters} & gridder_inbox


async def test_an_anonymous_subscription_is_refused(stack: Stack):
    async with subscribe(f"{stack.gateway.url}/graphql", MY_NOTICES) as live:
        result = await live.next(timeout=30)

    codes = {error["extensions"]["code"] for error in result.get("errors", [])}
    assert codes == {"UNAUTHENTICATED"}, result
    assert not (result.get("data") or {}).get("myNotices")
