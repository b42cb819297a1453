"""The payload models: what producers write is what consumers read, and data that breaks the
contract is refused with a reason a parking queue can carry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from grassroots_contracts.case_events import CaseClosed, HandlerRole
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_contracts.payload import InvalidPayload
from grassroots_contracts.people_events import PersonSnapshot, RoleAssignment, RoleRevoked

AT = datetime(2026, 12, 7, 10, 0, 0, 123000, tzinfo=UTC)
CLOSED = CaseClosed(
    case_id="k1", number="WC-2026-000001", closure=1, org_unit_id="c1",
    org_unit_path=("d1", "s1", "c1"), category="OTHER", priority="LOW", level="GRID",
    reporter_id=None, handlers=(HandlerRole(person_id="p1", role="GRID_MEMBER"),),
    organization_id=None, order_taker_id=None, rating=None, met_deadline=True, closed_at=AT,
)  # fmt: skip


def test_the_wire_names_are_camel_case_and_times_end_in_z():
    data = CLOSED.to_data()

    assert data["orgUnitPath"] == ["d1", "s1", "c1"]
    assert data["handlers"] == [{"personId": "p1", "role": "GRID_MEMBER"}]
    assert data["closedAt"] == "2026-12-07T10:00:00.123000Z"
    assert data["reporterId"] is None
    assert "reporter_id" not in data


def test_a_time_in_another_zone_keeps_its_offset():
    at = datetime(2026, 12, 7, 18, tzinfo=timezone(timedelta(hours=8)))

    assert CLOSED.model_copy(update={"closed_at": at}).to_data()["closedAt"] == (
        "2026-12-07T18:00:00+08:00"
    )


def test_what_is_written_reads_back_equal_and_unknown_fields_are_ignored():
    assert CaseClosed.from_data({**CLOSED.to_data(), "somethingNew": 1}) == CLOSED


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        ({"closure": "1"}, "closure: Input should be a valid integer"),
        ({"closure": True}, "closure: Input should be a valid integer"),
        ({"metDeadline": 1}, "metDeadline: Input should be a valid boolean"),
        ({"closedAt": "2026-12-07T10:00:00"}, "closedAt: Input should have timezone info"),
        ({"closedAt": "soon"}, "closedAt: Value error, not an RFC 3339 time"),
        ({"orgUnitPath": ["d1", "s1"]}, "orgUnitPath must end with orgUnitId"),
        ({"category": "WEATHER"}, "category: Value error, unknown value 'WEATHER'"),
        ({"rating": 6}, "rating"),
        ({"number": "case one"}, "number: String should match pattern"),
    ],
)
def test_data_that_breaks_the_contract_is_refused_with_the_reason(change, reason):
    with pytest.raises(InvalidPayload, match=reason):
        CaseClosed.from_data({**CLOSED.to_data(), **change})


def test_a_missing_field_is_named_in_the_wire_form():
    data = {k: v for k, v in CLOSED.to_data().items() if k != "orgUnitId"}

    with pytest.raises(InvalidPayload, match="missing field 'orgUnitId'"):
        CaseClosed.from_data(data)


def test_an_org_unit_path_must_end_with_its_parent():
    with pytest.raises(InvalidPayload, match="path must end with parentId"):
        OrgUnitSnapshot.from_data(
            {"id": "u", "kind": "GRID", "name": "n", "parentId": "c1", "path": ["d1"], "version": 1}
        )


def test_a_person_placed_by_roles_only_has_an_empty_path():
    person = {"id": "p", "name": "n", "householdId": None, "partyMember": False, "version": 1}

    assert PersonSnapshot.from_data({**person, "orgUnitId": None, "orgUnitPath": []})
    with pytest.raises(InvalidPayload, match="empty when orgUnitId is null"):
        PersonSnapshot.from_data({**person, "orgUnitId": None, "orgUnitPath": ["d1"]})


def test_role_assigned_has_no_revocation_and_role_revoked_requires_one():
    assigned = RoleAssignment(
        id="r1", person_id="p1", role="GRID_MEMBER", org_unit_id="g1", org_unit_path=("g1",),
        organization_id=None, since=AT, until=None,
    )  # fmt: skip

    assert "revokedAt" not in assigned.to_data()
    assert assigned.to_data()["grantedBy"] is None
    with pytest.raises(InvalidPayload, match="missing field 'revokedAt'"):
        RoleRevoked.from_data(assigned.to_data())
    with pytest.raises(InvalidPayload, match="unknown value 'PLATFORM_ADMIN'"):
        RoleAssignment.from_data({**assigned.to_data(), "role": "PLATFORM_ADMIN"})


def test_a_producer_cannot_build_a_payload_that_breaks_the_contract():
    with pytest.raises(ValueError, match="closure"):
        CLOSED.model_validate({**CLOSED.to_data(), "closure": 0})
    with pytest.raises(ValueError, match="timezone"):
        # by Python name: the wire names would win over `closed_at` if both were given
        CaseClosed(**{**CLOSED.model_dump(by_alias=False), "closed_at": datetime(2026, 12, 7)})
