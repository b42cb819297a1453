"""Nobody earns from what only they attest: the pure rules of visits and commitments."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, InvalidTransition
from grassroots_people.domain.care import CareLevel
from grassroots_people.domain.commitments import (
    CommitmentStatus,
    Verifier,
    claimed,
    confirmed,
    new_commitment,
)
from grassroots_people.domain.ids import CommitmentId, HouseholdId, OrgUnitId, PersonId, VisitId
from grassroots_people.domain.visits import (
    DUPLICATE_WINDOW,
    MAX_BACKDATING,
    Confirmer,
    Visit,
    check_not_duplicate,
    check_visit,
    check_visitor,
)
from grassroots_people.domain.visits import confirmed as visit_confirmed

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
HOME, VISITED, OTHER = HouseholdId("h-home"), HouseholdId("h-visited"), HouseholdId("h-other")
VISITOR, CHIEF = PersonId("visitor"), PersonId("chief")


def visit() -> Visit:
    return Visit(
        id=VisitId("v"),
        household_id=VISITED,
        visitor_id=VISITOR,
        at=NOW - timedelta(hours=1),
        notes="",
        care_level=CareLevel.RED,
        org_unit_id=OrgUnitId("n"),
        org_unit_path=(OrgUnitId("d"), OrgUnitId("n")),
    )


def confirm(who: PersonId, household: HouseholdId | None, serves: bool) -> Visit:
    return visit_confirmed(
        visit(), confirmer=Confirmer(who, household, serves), visitor_household=HOME, now=NOW
    )


# --- visits -------------------------------------------------------------------------------


def test_a_visit_is_logged_within_the_back_dating_window_and_not_before_it_happens():
    assert check_visit(NOW - MAX_BACKDATING + timedelta(seconds=1), NOW, " ok ") == "ok"
    with pytest.raises(BadUserInput, match="72 hours"):
        check_visit(NOW - MAX_BACKDATING - timedelta(seconds=1), NOW, "")
    with pytest.raises(BadUserInput, match="before it happens"):
        check_visit(NOW + timedelta(seconds=1), NOW, "")


def test_the_same_visit_twice_within_the_window_is_a_conflict():
    check_not_duplicate(NOW, [NOW - DUPLICATE_WINDOW, NOW + DUPLICATE_WINDOW])
    with pytest.raises(Conflict):
        check_not_duplicate(NOW, [NOW - DUPLICATE_WINDOW + timedelta(minutes=1)])


def test_nobody_logs_a_visit_to_their_own_household():
    check_visitor(HOME, VISITED)
    check_visitor(None, VISITED)
    with pytest.raises(Forbidden):
        check_visitor(VISITED, VISITED)


def test_a_member_of_the_household_visited_confirms_a_visit():
    done = confirm(PersonId("grandma"), VISITED, serves=False)

    assert done.confirmed_by == "grandma"
    assert done.confirmed_at == NOW


def test_someone_else_serving_the_household_confirms_a_visit():
    assert confirm(CHIEF, OTHER, serves=True).confirmed_by == CHIEF


def test_the_visitor_never_confirms_their_own_visit_even_with_a_role_over_it():
    with pytest.raises(Forbidden):
        confirm(VISITOR, OTHER, serves=True)


def test_someone_of_the_visitors_household_does_not_confirm_it():
    with pytest.raises(Forbidden, match="visitor's own household"):
        confirm(PersonId("spouse"), HOME, serves=True)


def test_a_stranger_to_the_household_does_not_confirm_a_visit():
    with pytest.raises(Forbidden):
        confirm(PersonId("neighbour"), OTHER, serves=False)


def test_a_visit_is_confirmed_once():
    done = confirm(CHIEF, OTHER, serves=True)
    with pytest.raises(InvalidTransition):
        visit_confirmed(
            done, confirmer=Confirmer(CHIEF, OTHER, True), visitor_household=HOME, now=NOW
        )


# --- commitments --------------------------------------------------------------------------


def promise():
    return new_commitment(
        id=CommitmentId("c"),
        person_id=PersonId("member"),
        party_member=True,
        text="Repairs",
        due_by=NOW + timedelta(days=1),
        org_unit_id=OrgUnitId("n"),
        org_unit_path=(OrgUnitId("n"),),
        now=NOW,
    )


def verify(commitment, who: PersonId, household: HouseholdId | None, serves: bool):
    return confirmed(
        commitment,
        verifier=Verifier(who, household, serves),
        promiser_household=HOME,
        now=NOW + timedelta(days=3),
    )


def test_a_claim_earns_nothing_until_someone_serving_the_unit_confirms_it():
    claim = claimed(promise(), "Fixed 12 taps", NOW + timedelta(hours=1))

    assert claim.status is CommitmentStatus.PROMISED
    assert claim.status_at(NOW + timedelta(days=2)) is CommitmentStatus.PROMISED  # not lapsed
    kept = verify(claim, CHIEF, OTHER, serves=True)
    assert kept.status is CommitmentStatus.FULFILLED
    assert kept.fulfilled_at == NOW + timedelta(hours=1)  # kept when claimed: on time
    assert kept.on_time is True
    assert kept.confirmed_by == CHIEF


def test_a_promiser_never_confirms_their_own_commitment():
    claim = claimed(promise(), "done", NOW)
    with pytest.raises(Forbidden, match="own commitment"):
        verify(claim, PersonId("member"), HOME, serves=True)


def test_the_promisers_household_does_not_confirm_it():
    claim = claimed(promise(), "done", NOW)
    with pytest.raises(Forbidden, match="household"):
        verify(claim, PersonId("spouse"), HOME, serves=True)


def test_only_someone_serving_the_unit_confirms_a_commitment():
    claim = claimed(promise(), "done", NOW)
    with pytest.raises(Forbidden, match="serving"):
        verify(claim, PersonId("neighbour"), OTHER, serves=False)


def test_a_commitment_is_confirmed_once_and_only_after_a_claim():
    with pytest.raises(InvalidTransition, match="not been claimed"):
        verify(promise(), CHIEF, OTHER, serves=True)
    kept = verify(claimed(promise(), "done", NOW), CHIEF, OTHER, serves=True)
    with pytest.raises(InvalidTransition):
        verify(kept, CHIEF, OTHER, serves=True)
    with pytest.raises(InvalidTransition):
        claimed(claimed(promise(), "done", NOW), "again", NOW)
