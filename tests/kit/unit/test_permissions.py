"""A service's broker grant: its own queues, the events exchange, its own routing keys."""

from __future__ import annotations

import re

import pytest
from grassroots_kit.messaging.permissions import definitions, rabbitmqctl_commands, service_grant


def test_a_service_may_publish_only_its_own_routing_key_families():
    grant = service_grant("cases", "grassroots-cases", ("case", "order"))

    allowed = re.compile(grant.topic_write)
    assert allowed.match("case.closed")
    assert allowed.match("order.taken")
    assert not allowed.match("points.awarded")
    assert not allowed.match("casex.closed")
    assert not allowed.match("role.assigned")


def test_a_service_may_touch_its_own_queues_and_the_events_exchange_only():
    grant = service_grant("points", "grassroots-points", ("points", "reward"), prefix="t1.")

    own = re.compile(grant.write)
    assert own.match("t1.points.awards")
    assert own.match("t1.points.awards.dead")
    assert own.match("t1.grassroots.events")
    assert grant.exchange == "t1.grassroots.events"
    for other in ("t1.cases.projections", "points.awards", "amq.default", "", "t2.points.x"):
        assert not own.match(other), other
    assert grant.configure == grant.read == grant.write


def test_names_in_the_prefix_are_taken_literally():
    grant = service_grant("cases", "u", ("case",), prefix="a.b")

    assert not re.match(grant.write, "aXb.cases.projections")


def test_a_service_without_event_types_is_refused():
    with pytest.raises(ValueError, match="at least one"):
        service_grant("people", "u", ())


def test_rabbitmqctl_sets_the_permissions_and_the_topic_permission_of_the_exchange():
    grant = service_grant("cases", "grassroots-cases", ("case", "order"), prefix="p.")

    commands = rabbitmqctl_commands(grant, "/")

    assert commands[0][:4] == ["set_permissions", "-p", "/", "grassroots-cases"]
    assert commands[1] == [
        "set_topic_permissions",
        "-p",
        "/",
        "grassroots-cases",
        "p.grassroots.events",
        r"^(case|order)\.",
        ".*",
    ]


def test_definitions_carry_each_user_its_password_and_both_permissions():
    grants = [
        service_grant("cases", "grassroots-cases", ("case", "order")),
        service_grant("points", "grassroots-points", ("points", "reward")),
    ]

    document = definitions(grants, {"grassroots-cases": "a", "grassroots-points": "b"})

    assert [(u["name"], u["password"], u["tags"]) for u in document["users"]] == [
        ("grassroots-cases", "a", []),
        ("grassroots-points", "b", []),
    ]
    assert {p["user"] for p in document["permissions"]} == {"grassroots-cases", "grassroots-points"}
    topic = {p["user"]: p["write"] for p in document["topic_permissions"]}
    assert topic["grassroots-cases"] == r"^(case|order)\."


def test_definitions_without_a_password_for_every_user_are_refused():
    grants = [service_grant("cases", "grassroots-cases", ("case",))]

    with pytest.raises(ValueError, match="grassroots-cases"):
        definitions(grants, {"grassroots-cases": ""})
