"""Upcasters bring old event versions up to the one a handler reads, or refuse them."""

from __future__ import annotations

import re

import pytest
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.messaging.upcasting import Upcasters, to_version


def _split_name(data: dict[str, object]) -> dict[str, object]:
    first, _, last = str(data.pop("name")).partition(" ")
    return {**data, "firstName": first, "lastName": last}


def _add_country(data: dict[str, object]) -> dict[str, object]:
    return {**data, "country": "NP"}


UPCASTERS = Upcasters(
    current={"person.registered": "3"},
    steps={
        ("person.registered", "1"): to_version("2", _split_name),
        ("person.registered", "2"): to_version("3", _add_country),
    },
)


def _event(version: str, data: dict[str, object], type: str = "person.registered") -> CloudEvent:
    return new_event(type, source="people", subject="p1", data=data, dataversion=version)


def test_an_old_event_is_upcast_step_by_step_to_the_version_handlers_read():
    old = _event("1", {"id": "p1", "name": "Asha Rai"})

    current = UPCASTERS.upcast(old)

    assert current.dataversion == "3"
    assert current.data == {"id": "p1", "firstName": "Asha", "lastName": "Rai", "country": "NP"}
    assert (current.id, current.type, current.time) == (old.id, old.type, old.time)


def test_a_current_event_passes_unchanged():
    event = _event("3", {"id": "p1"})

    assert UPCASTERS.upcast(event) is event


def test_an_event_type_without_declared_versions_passes_unchanged():
    event = _event("7", {"id": "o1"}, type="orgunit.created")

    assert UPCASTERS.upcast(event) is event


def test_an_unknown_version_is_a_permanent_error_naming_it():
    with pytest.raises(
        PermanentEventError, match=re.escape("unsupported dataversion '4' of person.registered")
    ):
        UPCASTERS.upcast(_event("4", {"id": "p1"}))


def test_an_upcaster_that_cannot_read_the_payload_is_a_permanent_error():
    with pytest.raises(
        PermanentEventError,
        match=re.escape("cannot upcast person.registered from dataversion '1': KeyError"),
    ):
        UPCASTERS.upcast(_event("1", {"id": "p1"}))


def test_a_cycle_of_upcasters_is_refused_rather_than_looping():
    looping = Upcasters(
        current={"x.happened": "3"},
        steps={
            ("x.happened", "1"): to_version("2", dict),
            ("x.happened", "2"): to_version("1", dict),
        },
    )

    with pytest.raises(PermanentEventError):
        looping.upcast(_event("1", {}, type="x.happened"))
