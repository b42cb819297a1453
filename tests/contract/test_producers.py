"""Every event type has one producer, and it is the service that sets that `source` today."""

from __future__ import annotations

import pytest
from grassroots_contracts import event_types
from grassroots_contracts.producers import (
    PRODUCERS,
    SOURCES,
    producing_service,
    routing_key_families,
)

ALL_TYPES = {
    value
    for name, value in vars(event_types).items()
    if name.isupper() and not name.startswith("SOURCE_")
}


def test_every_event_type_has_a_producer():
    assert set(PRODUCERS) == ALL_TYPES


@pytest.mark.parametrize(
    ("event_type", "source"),
    [
        ("case.closed", "grassroots/cases"),
        ("order.taken", "grassroots/cases"),
        ("points.awarded", "grassroots/points"),
        ("reward.redeemed", "grassroots/points"),
        ("commitment.fulfilled", "grassroots/people"),
        ("visit.logged", "grassroots/people"),
        ("role.assigned", "grassroots/people"),
        ("orgunit.moved", "grassroots/people"),
        ("person.registered", "grassroots/people"),
        ("meeting.scheduled", "grassroots/participation"),
        ("decision.made", "grassroots/participation"),
        ("survey.closed", "grassroots/participation"),
    ],
)
def test_the_producer_of_a_type_is_the_service_that_publishes_it(event_type, source):
    assert PRODUCERS[event_type] == source


def test_a_type_nobody_produces_has_no_producer():
    assert producing_service("nosuchfamily.closed") is None
    assert producing_service("casex.closed") is None


def test_each_type_belongs_to_exactly_one_services_routing_key_families():
    for event_type, source in PRODUCERS.items():
        owners = [s for s in SOURCES if event_type.split(".")[0] in routing_key_families(s)]
        assert [SOURCES[owner] for owner in owners] == [source]


def test_every_consumer_of_the_services_checks_the_producer():
    from grassroots_cases.handlers.projections import projection_subscription as cases_projections
    from grassroots_kit.unit_of_work import MongoUnitOfWork
    from grassroots_participation.handlers.projections import (
        projection_subscription as participation_projections,
    )
    from grassroots_points.handlers.projections import (
        projection_subscription as points_projections,
    )
    from grassroots_points.handlers.reactions import awards_subscription
    from pymongo import AsyncMongoClient

    db = AsyncMongoClient("mongodb://127.0.0.1:1", connect=False)["unused"]
    # Building a subscription touches no store: a unit of work that is never run will do.
    never_run = MongoUnitOfWork(None, lambda session: None)  # type: ignore[arg-type]
    awards = awards_subscription(never_run)
    for subscription in (
        cases_projections(db),
        points_projections(db),
        participation_projections(db),
        awards,
    ):
        assert subscription.producers is PRODUCERS, subscription.purpose
