"""Pure rules of the people domain: no database, no clock but the one given."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from grassroots_kit.auth import Principal, RoleGrant
from grassroots_kit.errors import (
    BadUserInput,
    Conflict,
    Forbidden,
    InvalidTransition,
    Unauthenticated,
)
from grassroots_people.domain import access
from grassroots_people.domain.care import CareLevel, VisitSchedule, overdue_by
from grassroots_people.domain.commitments import (
    Board,
    CommitmentStatus,
    Verifier,
    claimed,
    confirmed,
    new_commitment,
)
from grassroots_people.domain.ids import CommitmentId, OrgUnitId, PersonId, RoleAssignmentId
from grassroots_people.domain.masking import mask_address, mask_phone
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind, check_can_move, moved
from grassroots_people.domain.people import clean_phone, require_not_reserved
from grassroots_people.domain.roles import (
    Role,
    RoleAssignment,
    check_role_fits,
    election,
    nearest_first,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def unit(kind: OrgUnitKind, uid: str, *path: str) -> OrgUnit:
    return OrgUnit(
        id=OrgUnitId(uid),
        kind=kind,
        name=uid,
        parent_id=OrgUnitId(path[-1]) if path else None,
        path=tuple(OrgUnitId(p) for p in path),
        version=1,
        created_at=NOW,
    )


def principal(*grants: tuple[str, tuple[str, ...]]) -> Principal:
    return Principal("me", tuple(RoleGrant(role, path[-1], path) for role, path in grants))


# --- the ladder ---------------------------------------------------------------------------


def test_a_unit_moves_with_its_path_rebased_and_its_version_bumped():
    piece = unit(OrgUnitKind.PIECE, "p", "d", "s", "c", "g")
    group = unit(OrgUnitKind.GROUP, "gr", "d", "s", "c", "g", "p")

    assert moved(piece, piece, ("d", "s", "c2", "g2")).path == ("d", "s", "c2", "g2")  # type: ignore[arg-type]
    assert moved(group, piece, ("d", "s", "c2", "g2")).path == ("d", "s", "c2", "g2", "p")  # type: ignore[arg-type]
    assert moved(group, piece, ("x",)).version == 2  # type: ignore[arg-type]


def test_a_unit_cannot_move_under_itself_or_a_lower_rung():
    grid = unit(OrgUnitKind.GRID, "g", "d", "s", "c")

    with pytest.raises(BadUserInput, match="own subtree"):
        check_can_move(grid, unit(OrgUnitKind.PIECE, "p", "d", "s", "c", "g"))
    with pytest.raises(BadUserInput, match="cannot contain"):
        check_can_move(grid, unit(OrgUnitKind.GRID, "g2", "d", "s", "c"))


# --- roles and elections ------------------------------------------------------------------


@pytest.mark.parametrize("households", [5, 10, 15])
def test_a_neighborhood_of_5_to_15_households_may_elect(households: int):
    assert election(date(2026, 11, 1), households, households).households_total == households


@pytest.mark.parametrize("households", [0, 4, 16, 40])
def test_a_neighborhood_outside_5_to_15_households_may_not_elect(households: int):
    with pytest.raises(BadUserInput, match="from 5 to 15 households"):
        election(date(2026, 11, 1), households, households)


@pytest.mark.parametrize("voting", [0, 3, 7])
def test_an_election_needs_a_majority_and_no_more_voters_than_households(voting: int):
    with pytest.raises(BadUserInput, match="more than half"):
        election(date(2026, 11, 1), 6, voting)


def test_roles_are_held_at_their_rung():
    community = unit(OrgUnitKind.COMMUNITY, "c", "d", "s")

    check_role_fits(Role.COMMUNITY_STAFF, community, None)
    with pytest.raises(BadUserInput, match="held at a DISTRICT"):
        check_role_fits(Role.DISTRICT_ADMIN, community, None)
    with pytest.raises(BadUserInput, match="STREET or above"):
        check_role_fits(Role.STREET_STAFF, community, None)
    with pytest.raises(BadUserInput, match="for an organization"):
        check_role_fits(Role.RED_PARTNER_MEMBER, community, None)


def test_roles_of_a_street_and_a_community_are_held_at_a_town_and_a_village():
    town = unit(OrgUnitKind.TOWN, "t", "d")
    village = unit(OrgUnitKind.VILLAGE, "v", "d", "t")

    check_role_fits(Role.STREET_STAFF, town, None)
    check_role_fits(Role.COMMUNITY_SECRETARY, village, None)
    check_role_fits(Role.COMMUNITY_STAFF, town, None)
    with pytest.raises(BadUserInput, match="STREET or above"):
        check_role_fits(Role.STREET_STAFF, village, None)
    with pytest.raises(BadUserInput, match="GRID or above"):
        check_role_fits(Role.GRID_MEMBER, unit(OrgUnitKind.PIECE, "p", "d", "t", "v", "g"), None)


def test_those_serving_a_unit_are_ordered_nearest_first():
    path = tuple(OrgUnitId(p) for p in ("d", "s", "c", "g"))

    def held(role: Role, at: str) -> RoleAssignment:
        return RoleAssignment(
            id=RoleAssignmentId(f"{at}-{role}"),
            person_id=PersonId("p"),
            role=role,
            org_unit_id=OrgUnitId(at),
            org_unit_path=path[: path.index(OrgUnitId(at)) + 1],
            organization_id=None,
            since=NOW,
            until=None,
        )

    ordered = nearest_first(
        [
            held(Role.DISTRICT_ADMIN, "d"),
            held(Role.COMMUNITY_STAFF, "c"),
            held(Role.GRID_MEMBER, "g"),
            held(Role.COMMUNITY_SECRETARY, "c"),
        ],
        path,
    )

    assert [a.id for a in ordered] == [
        "g-GRID_MEMBER",
        "c-COMMUNITY_SECRETARY",
        "c-COMMUNITY_STAFF",
        "d-DISTRICT_ADMIN",
    ]


# --- care and visits ----------------------------------------------------------------------


def test_each_care_level_keeps_its_visit_frequency_in_business_days():
    schedule = VisitSchedule()
    last = NOW - timedelta(days=1)  # 17:00 on 22 November in Beijing

    due = {
        level: schedule.next_visit_due(level, last_visit_at=last, care_since=NOW)
        for level in CareLevel
    }

    # due any time on the interval's last day there: overdue from the Beijing midnight ending it
    assert due[CareLevel.RED] == datetime(2026, 11, 29, 16, tzinfo=UTC)  # 30 Nov 00:00 +08
    assert due[CareLevel.YELLOW] == datetime(2026, 12, 22, 16, tzinfo=UTC)
    assert due[CareLevel.GREEN] == datetime(2027, 2, 21, 16, tzinfo=UTC)
    assert due[CareLevel.NONE] is None


def test_a_visit_at_17_00_utc_on_new_years_eve_is_on_new_years_day_in_beijing():
    at = datetime(2026, 12, 31, 17, tzinfo=UTC)  # 01:00 on 1 January 2027 in Beijing

    shanghai = VisitSchedule(red=timedelta(days=7))
    utc = VisitSchedule(red=timedelta(days=7), zone=ZoneInfo("UTC"))

    # visited on 1 January: due on 8 January, overdue from 9 January 00:00 in Beijing
    assert shanghai.next_visit_due(CareLevel.RED, last_visit_at=at, care_since=at) == datetime(
        2027, 1, 8, 16, tzinfo=UTC
    )
    assert shanghai.on_schedule(
        CareLevel.RED, last_visit_at=at, care_since=at, as_of=date(2027, 1, 8)
    )
    assert not shanghai.on_schedule(
        CareLevel.RED, last_visit_at=at, care_since=at, as_of=date(2027, 1, 9)
    )
    # cut at UTC midnight instead, the same visit would fall on 31 December: a day earlier
    assert utc.next_visit_due(CareLevel.RED, last_visit_at=at, care_since=at) == datetime(
        2027, 1, 8, tzinfo=UTC
    )


def test_a_household_never_visited_is_due_from_when_its_level_was_set():
    assert (
        VisitSchedule(red=timedelta(days=3)).next_visit_due(
            CareLevel.RED, last_visit_at=None, care_since=NOW
        )
        == NOW
    )
    assert overdue_by(NOW - timedelta(days=2), NOW) == timedelta(days=2)
    assert overdue_by(NOW + timedelta(days=2), NOW) is None


# --- commitments --------------------------------------------------------------------------


def commitment(due_in: timedelta):
    return new_commitment(
        id=CommitmentId("c"),
        person_id=PersonId("p"),
        party_member=True,
        text="Repairs",
        due_by=NOW + due_in,
        org_unit_id=OrgUnitId("n"),
        org_unit_path=(OrgUnitId("n"),),
        now=NOW,
    )


def test_a_commitment_past_due_reads_as_lapsed_and_may_still_be_kept_late():
    promise = commitment(timedelta(days=1))

    assert promise.status_at(NOW) is CommitmentStatus.PROMISED
    assert promise.status_at(NOW + timedelta(days=2)) is CommitmentStatus.LAPSED
    late = claimed(promise, "done", NOW + timedelta(days=2))
    assert late.status_at(NOW + timedelta(days=2)) is CommitmentStatus.PROMISED
    kept = confirmed(
        late,
        verifier=Verifier(PersonId("chief"), None, serves_unit=True),
        promiser_household=None,
        now=NOW + timedelta(days=3),
    )
    assert kept.status is CommitmentStatus.FULFILLED
    assert kept.on_time is False
    with pytest.raises(InvalidTransition):
        claimed(kept, "again", NOW + timedelta(days=3))


def test_only_party_members_commit_and_only_to_the_future():
    with pytest.raises(BadUserInput, match="party members"):
        new_commitment(
            id=CommitmentId("c"),
            person_id=PersonId("p"),
            party_member=False,
            text="x",
            due_by=NOW + timedelta(days=1),
            org_unit_id=OrgUnitId("n"),
            org_unit_path=(),
            now=NOW,
        )
    with pytest.raises(BadUserInput, match="future"):
        commitment(timedelta(0))


def test_the_board_rate_is_fulfilled_over_decided():
    assert Board(made=10, fulfilled=6, lapsed=2).rate == 0.75
    assert Board(made=10, fulfilled=6, lapsed=2).promised == 2
    assert Board(made=3, fulfilled=0, lapsed=0).rate == 0.0


# --- personal data ------------------------------------------------------------------------


def test_phone_numbers_and_addresses_are_masked():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("12345") == "****"
    assert mask_address("Liaoyuan Road No. 26, Unit 2, Room 301") == "Liaoyuan Road No. 26, ****"
    assert mask_address("Somewhere") == "Somewhere, ****"


def test_phone_numbers_are_normalised_and_checked():
    assert clean_phone("138 1234-5678") == "13812345678"
    with pytest.raises(BadUserInput):
        clean_phone("+86 138")


# --- access -------------------------------------------------------------------------------


def test_a_role_sees_and_manages_its_subtree_only():
    staff = principal(("COMMUNITY_STAFF", ("d", "s", "c")))

    assert access.can_see(staff, ("d", "s", "c", "g"))
    assert access.can_manage(staff, ("d", "s", "c", "g"))
    assert not access.can_see(staff, ("d", "s", "c2"))
    assert access.visible_scope(staff, access.SEEING) == ["c"]


def test_residents_and_volunteers_see_no_one_else():
    resident = principal(("RESIDENT", ("d", "s", "c", "n")), ("VOLUNTEER", ("d", "s", "c")))

    assert not access.can_see(resident, ("d", "s", "c", "n"))
    assert access.visible_scope(resident, access.SEEING) == []


def test_chiefs_see_but_do_not_manage():
    chief = principal(("GROUP_CHIEF", ("d", "s", "c", "g", "p", "gr")))

    assert access.can_see(chief, ("d", "s", "c", "g", "p", "gr", "n"))
    with pytest.raises(Forbidden):
        access.require_manage(chief, ("d", "s", "c", "g", "p", "gr", "n"), "register people")


def test_nobody_grants_a_role_above_their_own():
    staff = principal(("COMMUNITY_STAFF", ("d", "s", "c")))

    access.require_can_grant(staff, Role.GRID_MEMBER, ("d", "s", "c", "g"))
    with pytest.raises(Forbidden, match="ranks above"):
        access.require_can_grant(staff, Role.STREET_STAFF, ("d", "s", "c"))


def test_the_platform_admin_manages_everything_and_anonymous_callers_nothing():
    platform = principal(("PLATFORM_ADMIN", ("*",)))

    assert access.can_manage(platform, ("d",))
    assert access.visible_scope(platform, access.SEEING) is None
    with pytest.raises(Unauthenticated):
        access.require_manage(None, ("d",), "create org units")


# --- throttling ---------------------------------------------------------------------------


# --- the platform admin's phone ---------------------------------------------------------------


def test_nobody_takes_the_platform_admins_phone():
    with pytest.raises(Conflict):
        require_not_reserved("10000000000", None, "10000000000")
    with pytest.raises(Conflict):
        require_not_reserved("10000000000", "13800000011", "10000000000")
    require_not_reserved("10000000000", "10000000000", "10000000000")  # the admin themselves
    require_not_reserved("13800000011", None, "10000000000")
    require_not_reserved(None, None, "10000000000")
