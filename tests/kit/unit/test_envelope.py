from datetime import UTC, datetime

import pytest
from grassroots_kit.messaging.envelope import CloudEvent, InvalidEvent, new_event


def test_an_event_survives_a_round_trip_through_json():
    event = new_event("orgunit.created", source="grassroots/people", subject="u1", data={"a": 1})

    again = CloudEvent.from_json(event.to_json())

    assert again == event


def test_structured_mode_carries_the_required_attributes():
    event = new_event("case.closed", source="grassroots/cases", subject="c1", data={})

    raw = event.to_dict()

    assert raw["specversion"] == "1.0"
    assert raw["datacontenttype"] == "application/json"
    assert raw["time"].endswith("Z")
    assert {"id", "type", "source", "subject", "data"} <= raw.keys()


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b"not json", "not JSON"),
        (b"[1, 2]", "not a JSON object"),
        (b'{"id": "1", "source": "s", "specversion": "1.0", "data": {}}', "type"),
        (
            b'{"id": "1", "type": "t", "source": "s", "specversion": "0.3", "data": {}}',
            "specversion",
        ),
        (
            b'{"id": "1", "type": "t", "source": "s", "specversion": "1.0", "data": 3, '
            b'"time": "2026-01-01T00:00:00Z"}',
            "data must be",
        ),
        (
            b'{"id": "1", "type": "t", "source": "s", "specversion": "1.0", "data": {}, '
            b'"time": "yesterday"}',
            "RFC 3339",
        ),
    ],
)
def test_a_malformed_message_is_refused_with_its_reason(body: bytes, reason: str):
    with pytest.raises(InvalidEvent, match=reason):
        CloudEvent.from_json(body)


def test_unknown_attributes_are_kept_as_extensions():
    event = new_event(
        "t.x", source="s", subject="x", data={}, time=datetime(2026, 1, 1, tzinfo=UTC)
    )
    raw = {**event.to_dict(), "traceparent": "00-abc-def-01"}

    again = CloudEvent.from_dict(raw)

    assert again.extensions == {"traceparent": "00-abc-def-01"}
