"""Notices from real events on RabbitMQ into the inbox on MongoDB, read through the graph."""

from __future__ import annotations

import json

from tests.notifications.events import case_assigned, case_reported, role_assigned
from tests.notifications.helpers import MARK, PREFS, SET_PREFS, Notifications


async def test_an_assignment_puts_one_notice_in_the_assignee_inbox_even_when_redelivered(
    notifications: Notifications,
):
    event = case_assigned("case1", "worker")
    await notifications.handled(event)
    # The broker delivers the same event again (a relay that died before marking it sent).
    await notifications.publish(event)
    again = case_reported("case9", "someone")  # a later event behind it on the same queue
    await notifications.handled(again)

    data = await notifications.inbox("worker")
    assert data["unreadNoticeCount"] == 1
    [edge] = data["myInbox"]["edges"]
    assert edge["node"]["kind"] == "CASE_ASSIGNED_TO_YOU"
    assert edge["node"]["caseNumber"] == "WC-2026-000001"
    assert await notifications.db["notices"].count_documents({"recipientId": "worker"}) == 1
    outbox = [d async for d in notifications.db["outbox"].find({"type": "notice.created"})]
    assert [json.loads(d["body"])["data"]["recipientId"] for d in outbox] == ["worker"]


async def test_texts_follow_the_request_language(notifications: Notifications):
    await notifications.handled(case_assigned("case1", "worker"))
    en = await notifications.ok(
        "{ myInbox { edges { node { text } } } }", as_person="worker", language="en"
    )
    zh = await notifications.ok(
        "{ myInbox { edges { node { text } } } }", as_person="worker", language="zh-CN"
    )
    assert en["myInbox"]["edges"][0]["node"]["text"] == "Case WC-2026-000001 was assigned to you."
    assert zh["myInbox"]["edges"][0]["node"]["text"] == "案件 WC-2026-000001 已派给您。"


async def test_the_grid_member_of_the_area_hears_of_a_new_case(notifications: Notifications):
    role = role_assigned("ra1", "grid-member", "GRID_MEMBER", ["d1", "s1", "c1", "g1"])
    await notifications.publish(role)
    await notifications.processed("projections", role)
    await notifications.handled(case_reported("case1", "resident"))
    data = await notifications.inbox("grid-member")
    assert [e["node"]["kind"] for e in data["myInbox"]["edges"]] == ["CASE_REPORTED_IN_AREA"]
    assert (await notifications.inbox("resident"))["unreadNoticeCount"] == 0


async def test_one_reads_and_marks_only_their_own_notices(notifications: Notifications):
    await notifications.handled(case_assigned("case1", "alice"), case_assigned("case2", "bob"))
    alice = await notifications.inbox("alice")
    bob = await notifications.inbox("bob")
    assert [e["node"]["caseId"] for e in alice["myInbox"]["edges"]] == ["case1"]
    bobs_notice = bob["myInbox"]["edges"][0]["node"]["id"]

    marked = await notifications.ok(MARK, {"input": {"ids": [bobs_notice]}}, as_person="alice")
    assert marked["markNoticesRead"] == {"marked": 0, "unreadNoticeCount": 1}
    assert (await notifications.inbox("bob"))["unreadNoticeCount"] == 1

    marked = await notifications.ok(MARK, {"input": {"all": True}}, as_person="alice")
    assert marked["markNoticesRead"] == {"marked": 1, "unreadNoticeCount": 0}
    assert (await notifications.inbox("bob"))["unreadNoticeCount"] == 1


async def test_the_inbox_pages_and_filters_unread(notifications: Notifications):
    await notifications.handled(*[case_assigned(f"case{i}", "worker") for i in range(3)])
    first = await notifications.inbox("worker", first=2)
    assert first["myInbox"]["totalCount"] == 3
    assert first["myInbox"]["pageInfo"]["hasNextPage"]
    after = first["myInbox"]["pageInfo"]["endCursor"]
    rest = await notifications.inbox("worker", first=2, after=after)
    seen = [e["node"]["id"] for e in first["myInbox"]["edges"] + rest["myInbox"]["edges"]]
    assert len(set(seen)) == 3
    await notifications.ok(MARK, {"input": {"ids": seen[:1]}}, as_person="worker")
    unread = await notifications.inbox("worker", unreadOnly=True)
    assert [e["node"]["id"] for e in unread["myInbox"]["edges"]] == seen[1:]


async def test_anonymous_callers_have_no_inbox(notifications: Notifications):
    assert await notifications.refused("{ unreadNoticeCount }") == "UNAUTHENTICATED"
    assert await notifications.refused(MARK, {"input": {"all": True}}) == "UNAUTHENTICATED"


async def test_preferences_are_kept_and_checked(notifications: Notifications):
    default = await notifications.ok(PREFS, as_person="li")
    assert default["myNoticePreferences"]["channels"] == []
    assert default["myNoticePreferences"]["availableChannels"] == ["EMAIL"]
    set_ = await notifications.ok(
        SET_PREFS,
        {
            "input": {
                "mutedKinds": ["CASE_CLOSED"],
                "channels": ["EMAIL"],
                "email": "li@example.cn",
                "quietHours": {"start": "22:00", "end": "07:00"},
                "locale": "EN",
            }
        },
        as_person="li",
    )
    assert set_["setNoticePreferences"]["preferences"] == {
        "mutedKinds": ["CASE_CLOSED"],
        "channels": ["EMAIL"],
        "email": "li@example.cn",
        "quietHours": {"start": "22:00", "end": "07:00"},
        "locale": "EN",
        "availableChannels": ["EMAIL"],
    }
    bad = await notifications.refused(SET_PREFS, {"input": {"channels": ["EMAIL"]}}, as_person="li")
    assert bad == "BAD_USER_INPUT"
    bad = await notifications.refused(
        SET_PREFS, {"input": {"quietHours": {"start": "25:00", "end": "07:00"}}}, as_person="li"
    )
    assert bad == "BAD_USER_INPUT"
