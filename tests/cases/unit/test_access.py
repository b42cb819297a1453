"""The read policy: who reads a case in full, who gets a neighbour's hint, who gets nothing."""

from __future__ import annotations

from dataclasses import replace

from grassroots_cases.domain.access import (
    CaseView,
    Place,
    Reader,
    case_view,
    hints,
    may_list_summaries,
)
from grassroots_cases.domain.ids import OrganizationId, OrgUnitId, PersonId
from grassroots_cases.domain.vocabulary import Role, Status
from grassroots_cases.domain.workflow import can_view
from grassroots_cases.handlers.access import actor_over, reader_of
from grassroots_kit.auth import Principal, RoleGrant
from hypothesis import given
from hypothesis import strategies as st

from tests.cases.unit.builders import ASSIGNEE, ORG, PATH, REPORTER, case

# the case's place is PATH (district/street/community/grid); a sibling grid beside it
BESIDE = (*PATH[:-1], OrgUnitId("other-grid"))
OTHER_DISTRICT = (OrgUnitId("elsewhere"), OrgUnitId("elsewhere-grid"))


def reader(name: str, role: Role, path: tuple[str, ...], org: str | None = None) -> Reader:
    return Reader(PersonId(name), (Place(role.value, path[-1], path, org),))


def test_the_reporter_reads_their_case_in_full():
    assert case_view(reader(REPORTER, Role.RESIDENT, PATH), case()) is CaseView.FULL


def test_staff_over_the_place_read_it_in_full():
    assert case_view(reader("s", Role.COMMUNITY_STAFF, PATH[:3]), case()) is CaseView.FULL


def test_the_assignee_and_the_dispatched_organization_read_it_in_full():
    assigned = case(Status.ASSIGNED)
    assert case_view(reader(ASSIGNEE, Role.RESIDENT, OTHER_DISTRICT), assigned) is CaseView.FULL
    dispatched = case(organization_id=OrganizationId(ORG))
    partner = reader("p", Role.RED_PARTNER_MEMBER, OTHER_DISTRICT, ORG)
    assert case_view(partner, dispatched) is CaseView.FULL


def test_a_neighbour_gets_a_hint_not_the_case():
    neighbour = reader("neighbour", Role.RESIDENT, PATH)
    assert case_view(neighbour, case()) is CaseView.HINT


def test_a_resident_of_another_place_gets_nothing():
    assert case_view(reader("far", Role.RESIDENT, OTHER_DISTRICT), case()) is CaseView.NONE
    assert case_view(reader("beside", Role.RESIDENT, BESIDE), case()) is CaseView.NONE


def test_a_rejected_case_is_no_hint():
    neighbour = reader("neighbour", Role.RESIDENT, PATH)
    assert case_view(neighbour, case(Status.REJECTED)) is CaseView.NONE


def test_a_volunteer_reads_only_what_waits_on_their_board():
    volunteer = reader("v", Role.VOLUNTEER, PATH[:3])
    assert case_view(volunteer, case(Status.ON_ORDER_BOARD)) is CaseView.FULL
    assert case_view(volunteer, case(Status.ASSIGNED)) is CaseView.HINT


def test_nobody_signed_in_sees_nothing():
    assert case_view(None, case()) is CaseView.NONE


def test_duplicate_hints_drop_what_the_reader_may_not_know_of():
    mine, theirs, far = case(), case(reporter_id=PersonId("x")), case(org_unit_path=OTHER_DISTRICT)
    far = replace(far, org_unit_id=OTHER_DISTRICT[-1], reporter_id=PersonId("y"))
    found = hints(reader(REPORTER, Role.RESIDENT, PATH), [mine, theirs, far])
    assert found == [(mine, CaseView.FULL), (theirs, CaseView.HINT)]


UNITS = [PATH[:i] for i in range(1, len(PATH) + 1)] + [BESIDE, OTHER_DISTRICT]
ROLES = [r.value for r in Role]
PEOPLE = [REPORTER, ASSIGNEE, PersonId("someone")]


@st.composite
def principals(draw: st.DrawFn) -> Principal:
    grants = draw(
        st.lists(
            st.builds(
                lambda role, path, org: RoleGrant(role, path[-1], tuple(path), org),
                st.sampled_from(ROLES),
                st.sampled_from(UNITS),
                st.sampled_from([None, ORG, "another-org"]),
            ),
            max_size=3,
        )
    )
    return Principal(person_id=draw(st.sampled_from(PEOPLE)), grants=tuple(grants))


@given(
    principals(),
    st.sampled_from(list(Status)),
    st.sampled_from([None, *PEOPLE]),
    st.sampled_from([None, *PEOPLE]),
    st.sampled_from([None, ORG]),
)
def test_the_read_policy_agrees_with_the_workflow_on_who_may_see_a_case(
    principal, status, reporter, assignee, org
):
    subject = case(status, reporter_id=reporter, assignee_id=assignee, organization_id=org)
    in_full = case_view(reader_of(principal), subject) is CaseView.FULL
    assert in_full == can_view(actor_over(principal, subject.org_unit_path), subject)


def test_public_summaries_are_for_those_who_live_in_or_serve_the_community():
    community = PATH[:3]
    assert may_list_summaries(reader("r", Role.RESIDENT, PATH), community, "COMMUNITY")
    assert may_list_summaries(reader("s", Role.STREET_STAFF, PATH[:2]), community, "COMMUNITY")
    assert not may_list_summaries(
        reader("r", Role.RESIDENT, OTHER_DISTRICT), community, "COMMUNITY"
    )
    # a resident's grant lies in the street too, but a street's cases are not a neighbourhood's
    assert not may_list_summaries(reader("r", Role.RESIDENT, PATH), PATH[:2], "STREET")
    # a village stands on the community rung, a town on the street's
    assert may_list_summaries(reader("r", Role.RESIDENT, PATH), community, "VILLAGE")
    assert not may_list_summaries(reader("r", Role.RESIDENT, PATH), PATH[:2], "TOWN")
