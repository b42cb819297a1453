"""An event is accepted only from the producer of its type."""

from __future__ import annotations

from grassroots_kit.messaging.envelope import new_event
from grassroots_kit.messaging.provenance import wrong_source

PRODUCERS = {"case.closed": "grassroots/cases", "commitment.fulfilled": "grassroots/people"}


def test_an_event_from_the_producer_of_its_type_is_accepted():
    event = new_event("case.closed", source="grassroots/cases", subject="c1", data={})

    assert wrong_source(event, PRODUCERS) is None


def test_an_event_from_another_source_is_refused_with_both_sources_named():
    event = new_event("commitment.fulfilled", source="attacker", subject="c1", data={})

    reason = wrong_source(event, PRODUCERS)

    assert reason is not None
    assert "'attacker'" in reason
    assert "'grassroots/people'" in reason
    assert "commitment.fulfilled" in reason


def test_another_service_of_ours_is_no_producer_of_a_type_it_does_not_own():
    event = new_event("commitment.fulfilled", source="grassroots/cases", subject="c1", data={})

    assert wrong_source(event, PRODUCERS) is not None


def test_a_type_without_a_known_producer_is_refused():
    event = new_event("points.minted", source="grassroots/points", subject="p1", data={})

    reason = wrong_source(event, PRODUCERS)

    assert reason is not None
    assert "points.minted" in reason


def test_the_reason_quotes_at_most_a_bounded_part_of_a_forged_source():
    event = new_event("case.closed", source="x" * 5000, subject="c1", data={})

    reason = wrong_source(event, PRODUCERS)

    assert reason is not None
    assert len(reason) < 400
