"""Choosing a rule for an occasion and what it earns: pure, no I/O."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from grassroots_kit.errors import BadUserInput
from grassroots_points.domain.ids import PersonId, RuleId
from grassroots_points.domain.occasions import Occasion
from grassroots_points.domain.rules import (
    PointRule,
    Selector,
    awards_for,
    check_points,
    check_selector,
    choose_rule,
)

NOW = datetime(2026, 11, 23, tzinfo=UTC)


def rule(rule_id: str, points: int, event_type: str = "case.closed", **narrowing) -> PointRule:
    return PointRule(
        id=RuleId(rule_id),
        selector=Selector(event_type, **narrowing),
        points=points,
        met_deadline_bonus=0,
        top_rating_bonus=0,
        description="",
        updated_at=NOW,
        updated_by=None,
    )


def occasion(person: str = "p1", event_type: str = "case.closed", **facts) -> Occasion:
    return Occasion(
        rule_event_type=event_type,
        person_id=PersonId(person),
        source_event_id="e1",
        source_event_type="case.closed",
        at=NOW,
        org_unit_id="n1",
        org_unit_path=("d1", "n1"),
        **facts,
    )


def test_the_most_specific_matching_rule_applies():
    rules = [
        rule("any", 5),
        rule("env", 8, category="ENVIRONMENT"),
        rule("env-urgent", 20, category="ENVIRONMENT", priority="URGENT"),
        rule("visit", 99, event_type="visit.logged"),
    ]

    assert (
        choose_rule(rules, occasion(category="ENVIRONMENT", priority="URGENT")).id == "env-urgent"
    )
    assert choose_rule(rules, occasion(category="ENVIRONMENT", priority="LOW")).id == "env"
    assert choose_rule(rules, occasion(category="SEWAGE_WATER")).id == "any"
    assert choose_rule(rules, occasion(event_type="commitment.fulfilled")) is None


def test_bonuses_add_for_a_met_deadline_and_a_rating_of_five():
    generous = PointRule(RuleId("r"), Selector("case.closed"), 10, 3, 5, "", NOW, None)

    assert generous.points_for(occasion(met_deadline=True, rating=5)) == 18
    assert generous.points_for(occasion(met_deadline=False, rating=4)) == 10
    assert generous.points_for(occasion(met_deadline=None, rating=None)) == 10


def test_a_person_named_twice_in_one_event_is_awarded_once_the_larger():
    rules = [rule("handler", 10), rule("taker", 6, event_type="order.taken")]
    occasions = [occasion("p1"), occasion("p1", event_type="order.taken"), occasion("p2")]

    awards = awards_for(rules, occasions)

    assert sorted((a.occasion.person_id, a.points, a.rule.id) for a in awards) == [
        ("p1", 10, "handler"),
        ("p2", 10, "handler"),
    ]


def test_a_rule_worth_nothing_awards_nothing():
    assert awards_for([rule("zero", 0)], [occasion()]) == []


@pytest.mark.parametrize(
    ("selector", "field"),
    [
        (Selector("case.opened"), "eventType"),
        (Selector("case.closed", category="WEATHER"), "category"),
        (Selector("case.closed", priority="SOMEDAY"), "priority"),
        (Selector("case.closed", level="PLANET"), "level"),
        (Selector("case.closed", role="KING"), "role"),
        (Selector("visit.logged", care_level="PURPLE"), "careLevel"),
    ],
)
def test_a_selector_outside_the_vocabulary_is_refused(selector: Selector, field: str):
    with pytest.raises(BadUserInput) as caught:
        check_selector(selector)
    assert caught.value.extensions["field"] == field


def test_points_are_bounded():
    assert check_points("points", 0) == 0
    with pytest.raises(BadUserInput):
        check_points("points", 10_001)


def test_one_rule_per_selector_key():
    assert Selector("case.closed", role="GRID_MEMBER").key() == "case.closed|*|*|*|GRID_MEMBER|*"
