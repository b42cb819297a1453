"""The cases use cases over in-memory fakes: what they store and which events they publish.

The same handlers run against MongoDB in tests/cases/integration; the fakes pass the same store
contracts (tests/cases/contract_stores.py), so these say what production does, in milliseconds.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from grassroots_cases.domain.ids import PersonId
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.sla import SlaPolicy
from grassroots_cases.domain.vocabulary import EscalationReason, Level, Priority, Role, Status
from grassroots_cases.handlers import case_commands as commands
from grassroots_cases.handlers.importing import HistoricalCase, import_cases
from grassroots_cases.handlers.projections import project_role, re_place
from grassroots_cases.handlers.reading import case_by_number, get_case, statistics
from grassroots_cases.handlers.report_case import report_case
from grassroots_cases.handlers.routing import level_for
from grassroots_cases.handlers.sla_admin import get_policy, set_policy
from grassroots_cases.handlers.sweeper import Sweeper
from grassroots_cases.handlers.transitions import Transition
from grassroots_contracts.org_units import OrgUnitSnapshot
from grassroots_kit.errors import BadUserInput, Conflict, Forbidden, NotFound
from grassroots_kit.messaging.consumer import PermanentEventError
from grassroots_kit.messaging.envelope import CloudEvent

from tests.cases.fakes import FakeCases, bind_projection
from tests.cases.unit.fake_area import NOW, area, clock, new_case, who


async def reported(fakes: FakeCases, person: str = "res-1", **changes: object) -> Case:
    return (await report_case(fakes.ports, who(person), new_case(**changes))).case


def stored(fakes: FakeCases, case: Case) -> Case:
    return fakes.state.cases[case.id]


# --- reporting and routing ---------------------------------------------------------------


async def test_a_report_at_01_00_on_new_years_day_in_beijing_gets_a_number_of_the_new_year():
    fakes = area()
    clock(fakes).now = datetime(2026, 12, 31, 15, 59, tzinfo=UTC)  # 23:59 in Beijing
    assert (await reported(fakes)).number == "WC-2026-000001"

    clock(fakes).now = datetime(2026, 12, 31, 17, tzinfo=UTC)  # 01:00 on 1 January

    assert (await reported(fakes, title="Street light out")).number == "WC-2027-000001"


async def test_the_case_number_year_follows_the_configured_business_zone():
    fakes = area()
    fakes.ports = replace(fakes.ports, business_zone=ZoneInfo("Europe/Berlin"))
    clock(fakes).now = datetime(2026, 12, 31, 17, tzinfo=UTC)  # 18:00 in Berlin

    assert (await reported(fakes)).number == "WC-2026-000001"


async def test_imported_cases_are_numbered_in_the_business_year_they_were_reported_in():
    fakes = area()
    late = HistoricalCase(
        ref="ny", new=new_case(), reported_at=datetime(2026, 12, 31, 17, tzinfo=UTC)
    )

    await import_cases(fakes.ports, who("admin"), [late])

    assert [c.number for c in fakes.state.cases.values()] == ["WC-2027-000001"]


async def test_a_report_is_numbered_routed_given_its_deadline_and_published():
    fakes = area()

    case = await reported(fakes)

    assert case.number == "WC-2026-000001"
    assert case.status is Status.REPORTED
    assert case.level is Level.GROUP  # the group chief serves the building
    assert case.reporter_id == "res-1"
    assert case.due_at == NOW + timedelta(hours=72)
    assert stored(fakes, case) == case
    assert fakes.uow.published_types() == ["case.reported"]
    assert (await reported(fakes, title="Street light out")).number == "WC-2026-000002"


async def test_districts_with_the_same_pinyin_initials_never_share_a_series():
    fakes = area()
    fakes.state.org_units["d1"] = replace(fakes.state.org_units["d1"], name="望城区")
    fakes.add_unit("d2", "DISTRICT", "望城县")
    fakes.add_unit("b2", "BUILDING", "三号楼", "d2")

    urban = await reported(fakes)
    rural = await reported(fakes, unit="b2")

    assert (urban.number, rural.number) == ("WC-2026-000001", "WCX-2026-000001")
    assert (await reported(fakes, unit="b2", title="路灯不亮")).number == "WCX-2026-000002"


async def test_a_place_nobody_serves_routes_to_the_district():
    fakes = area(roles=False)

    case = await reported(fakes)

    assert case.level is Level.DISTRICT
    assert await level_for(fakes.ports, "b1") is Level.DISTRICT
    assert await level_for(fakes.ports, "nowhere") is None


async def test_a_report_uses_the_districts_own_deadlines():
    fakes = area()
    hours = {**SlaPolicy().priority_hours, Priority.NORMAL: 10}
    await set_policy(fakes.ports, who("admin"), "b1", hours, [])

    case = await reported(fakes)

    assert case.due_at == NOW + timedelta(hours=10)
    assert (await get_policy(fakes.ports, "b1"))[0] == "d1"


async def test_only_a_district_admin_sets_deadlines():
    fakes = area()

    with pytest.raises(Forbidden):
        await set_policy(fakes.ports, who("cstaff"), "d1", dict(SlaPolicy().priority_hours), [])
    assert fakes.state.policies == {}
    assert fakes.uow.runs == 0


async def test_a_report_in_an_unknown_place_stores_and_publishes_nothing():
    fakes = area()

    with pytest.raises(NotFound):
        await reported(fakes, unit="nowhere")

    assert fakes.state.cases == {}
    assert fakes.uow.published == []


async def test_a_resident_cannot_report_on_someone_elses_behalf_but_staff_can():
    fakes = area()

    with pytest.raises(Forbidden):
        await reported(fakes, "res-1", reporter_id="res-2")
    case = await reported(fakes, "cstaff", reporter_id="res-2")

    assert (case.reporter_id, case.reported_by_id) == ("res-2", "cstaff")


async def test_an_anonymous_report_has_no_reporter():
    fakes = area()

    result = await report_case(fakes.ports, who("res-1"), new_case(), anonymous=True)

    assert result.case.reporter_id is None
    assert result.case.reported_by_id == "res-1"


async def test_a_similar_open_case_is_offered_as_a_possible_duplicate():
    fakes = area()
    first = await reported(fakes)

    again = await report_case(fakes.ports, who("res-1"), new_case())
    neighbour = await report_case(fakes.ports, who("res-2"), new_case())

    assert [c.id for c in again.possible_duplicates] == [first.id]
    # A neighbour may learn that it exists, not read it.
    assert neighbour.possible_duplicates == []
    assert first.id in [c.id for c in neighbour.duplicate_hints]


# --- the workflow ------------------------------------------------------------------------


async def test_a_case_goes_round_the_closed_loop():
    fakes = area()
    case = await reported(fakes)
    t = Transition(case.id)

    await commands.accept_case(fakes.ports, who("chief"), t)
    await commands.assign_case(fakes.ports, who("chief"), t, "gridder")
    await commands.start_case(fakes.ports, who("gridder"), t)
    clock(fakes).advance(hours=5)
    await commands.resolve_case(fakes.ports, who("gridder"), t, "Pipe replaced.")
    closed = await commands.rate_case(fakes.ports, who("res-1"), t, 5, "Thanks")

    assert closed.status is Status.CLOSED
    assert closed.rating is not None
    assert closed.rating.score == 5
    assert stored(fakes, case).version == closed.version == case.version + 5
    assert fakes.uow.published_types() == [
        "case.reported",
        "case.assigned",
        "case.resolved",
        "case.closed",
    ]


async def test_the_reporter_reopens_a_closed_case_with_a_new_deadline():
    fakes = area()
    case = await reported(fakes)
    t = Transition(case.id)
    await commands.assign_case(fakes.ports, who("chief"), t, "gridder")
    await commands.resolve_case(fakes.ports, who("gridder"), t, "Done.")
    await commands.close_case(fakes.ports, who("chief"), t, None)
    clock(fakes).advance(days=1)

    reopened = await commands.reopen_case(fakes.ports, who("res-1"), t, "Still leaking")

    assert reopened.status is Status.ACCEPTED
    assert reopened.assignee_id is None
    assert reopened.due_at == clock(fakes).now + timedelta(hours=72)
    assert fakes.uow.published_types()[-2:] == ["case.closed", "case.reopened"]


async def test_assigning_someone_who_does_not_serve_the_place_changes_nothing():
    fakes = area()
    case = await reported(fakes)

    with pytest.raises(NotFound) as raised:
        await commands.assign_case(fakes.ports, who("chief"), Transition(case.id), "ghost")

    assert raised.value.extensions.get("field") == "assigneeId"
    assert stored(fakes, case) == case
    assert fakes.uow.published_types() == ["case.reported"]


async def test_a_stale_expected_version_is_a_conflict():
    fakes = area()
    case = await reported(fakes)
    await commands.accept_case(fakes.ports, who("chief"), Transition(case.id))

    with pytest.raises(Conflict):
        await commands.start_case(
            fakes.ports, who("chief"), Transition(case.id, expected_version=case.version)
        )


async def test_a_change_lost_to_a_concurrent_write_rolls_back_and_publishes_nothing():
    fakes = area()
    case = await reported(fakes)
    t = Transition(case.id)
    # Someone else writes the case between this handler's read and its commit.
    real_run = fakes.ports.uow.run

    async def run_after_a_rival(work):  # type: ignore[no-untyped-def]
        fakes.state.cases[case.id] = replace(case, version=case.version + 1)
        return await real_run(work)

    ports = replace(fakes.ports, uow=type("Rival", (), {"run": staticmethod(run_after_a_rival)})())

    with pytest.raises(Conflict):
        await commands.assign_case(ports, who("chief"), t, "gridder")
    assert stored(fakes, case).assignee_id is None
    assert fakes.uow.published_types() == ["case.reported"]


async def test_someone_who_may_not_see_a_case_is_told_it_does_not_exist():
    fakes = area()
    case = await reported(fakes)

    with pytest.raises(NotFound):
        await commands.accept_case(fakes.ports, who("res-2"), Transition(case.id))
    with pytest.raises(NotFound):
        await commands.accept_case(fakes.ports, who("chief"), Transition("no-such-case"))


async def test_staff_escalate_to_the_next_rung_with_a_fresh_deadline():
    fakes = area()
    case = await reported(fakes)
    clock(fakes).advance(hours=3)

    escalated = await commands.escalate_case(
        fakes.ports,
        who("chief"),
        Transition(case.id),
        EscalationReason.BEYOND_AUTHORITY,
        None,
        "Big",
    )

    assert escalated.level is Level.GRID
    assert escalated.due_at == clock(fakes).now + timedelta(hours=72)
    assert fakes.uow.published_types() == ["case.reported", "case.escalated"]


async def test_dispatch_goes_only_to_an_organization_with_members():
    fakes = area()
    case = await reported(fakes)
    t = Transition(case.id)
    sstaff = who("sstaff")
    await commands.escalate_case(
        fakes.ports, sstaff, t, EscalationReason.BEYOND_AUTHORITY, Level.STREET, None
    )

    with pytest.raises(NotFound):
        await commands.dispatch_case(fakes.ports, sstaff, t, "org-unknown")
    dispatched = await commands.dispatch_case(fakes.ports, sstaff, t, "org-rp")
    duty = await commands.accept_case(fakes.ports, who("partner"), t)

    assert dispatched.organization_id == "org-rp"
    assert duty.assignee_id == "partner"
    assert fakes.uow.published_types() == [
        "case.reported",
        "case.escalated",
        "case.assigned",
        "case.assigned",
    ]


async def test_a_rejected_case_says_why():
    fakes = area()
    case = await reported(fakes)

    rejected = await commands.reject_case(fakes.ports, who("chief"), Transition(case.id), "Spam")

    assert rejected.status is Status.REJECTED
    assert stored(fakes, case).status is Status.REJECTED


# --- reading -----------------------------------------------------------------------------


async def test_a_case_reads_in_full_only_for_those_the_policy_allows():
    fakes = area()
    case = await reported(fakes)

    assert await get_case(fakes.ports, who("res-1"), case.id) == case
    assert await get_case(fakes.ports, who("cstaff"), case.id) == case
    assert await get_case(fakes.ports, who("res-2"), case.id) is None
    assert await case_by_number(fakes.ports, who("res-1"), f" {case.number.lower()} ") == case


async def test_statistics_are_for_staff_and_count_the_period():
    fakes = area()
    await reported(fakes)
    await reported(fakes, title="Street light out")
    period = (NOW - timedelta(days=1), NOW + timedelta(days=1))

    with pytest.raises(Forbidden):
        await statistics(fakes.ports, who("res-1"), "c1", *period)
    with pytest.raises(BadUserInput):
        await statistics(fakes.ports, who("cstaff"), "c1", period[1], period[0])
    stats = await statistics(fakes.ports, who("cstaff"), "c1", *period)

    assert stats.collected == 2


# --- the deadline sweeper ----------------------------------------------------------------


async def test_the_sweeper_escalates_an_overdue_case_once():
    fakes = area()
    case = await reported(fakes)
    clock(fakes).advance(hours=73)
    sweeper = Sweeper(fakes.ports)

    first = await sweeper.sweep_once()
    second = await sweeper.sweep_once()

    assert (first.escalated, second.escalated) == (1, 0)
    swept = stored(fakes, case)
    assert swept.level is Level.GRID
    assert swept.breach_count == 1
    assert swept.due_at == clock(fakes).now + timedelta(hours=72)
    assert fakes.uow.published_types() == ["case.reported", "case.escalated"]


async def test_the_sweeper_leaves_a_case_someone_else_claimed_first():
    fakes = area()
    case = await reported(fakes)
    clock(fakes).advance(hours=73)
    # Another replica escalated it after this one read it: same case, a moved deadline.
    fakes.state.cases[case.id] = replace(
        case, version=case.version + 1, due_at=case.due_at + timedelta(hours=72)
    )

    class StaleReads:
        async def overdue(self, now, limit):  # type: ignore[no-untyped-def]
            return [case]

        async def resolved_before(self, before, limit):  # type: ignore[no-untyped-def]
            return []

    result = await Sweeper(replace(fakes.ports, cases=StaleReads())).sweep_once()  # type: ignore[arg-type]

    assert result.escalated == 0
    assert fakes.uow.published_types() == ["case.reported"]


async def test_the_sweeper_closes_a_resolution_unanswered_for_seven_days():
    fakes = area()
    case = await reported(fakes)
    await commands.assign_case(fakes.ports, who("chief"), Transition(case.id), "gridder")
    await commands.resolve_case(fakes.ports, who("gridder"), Transition(case.id), "Done.")

    clock(fakes).advance(days=6)
    early = await Sweeper(fakes.ports).sweep_once()
    clock(fakes).advance(days=1, hours=1)
    late = await Sweeper(fakes.ports).sweep_once()

    assert (early.closed, late.closed) == (0, 1)
    assert stored(fakes, case).status is Status.CLOSED
    assert fakes.uow.published_types()[-1] == "case.closed"


# --- importing ---------------------------------------------------------------------------


def historical(ref: str, **changes: object) -> HistoricalCase:
    fields: dict[str, object] = {"new": new_case(), "reported_at": NOW - timedelta(days=30)}
    return HistoricalCase(ref=ref, **{**fields, **changes})  # type: ignore[arg-type]


async def test_an_import_replays_history_and_a_second_import_changes_nothing():
    fakes = area()
    items = [
        historical("old-1"),
        historical(
            "old-2",
            handler_id=PersonId("gridder"),
            handler_role=Role.GRID_MEMBER,
            responded_at=NOW - timedelta(days=29),
            resolved_at=NOW - timedelta(days=28),
            closed_at=NOW - timedelta(days=27),
        ),
    ]

    first = await import_cases(fakes.ports, who("admin"), items)
    again = await import_cases(fakes.ports, who("admin"), items)

    assert (first, again) == ((2, 0), (0, 2))
    statuses = sorted(c.status.value for c in fakes.state.cases.values())
    assert statuses == ["CLOSED", "REPORTED"]
    assert all(c.version == 1 for c in fakes.state.cases.values())
    assert sorted(fakes.state.import_refs.values()) == ["old-1", "old-2"]
    assert fakes.uow.runs == 1
    assert sorted(fakes.uow.published_types()) == sorted(
        ["case.reported", "case.reported", "case.assigned", "case.resolved", "case.closed"]
    )


async def test_only_a_district_admin_imports():
    fakes = area()

    with pytest.raises(Forbidden):
        await import_cases(fakes.ports, who("cstaff"), [historical("x")])
    with pytest.raises(NotFound):
        await import_cases(
            fakes.ports, who("admin"), [historical("y", new=new_case(unit="nowhere"))]
        )
    assert fakes.state.cases == {}


# --- projections of people's events ------------------------------------------------------


def role_event(kind: str, **data: object) -> CloudEvent:
    payload = {
        "id": "ra-new",
        "personId": "newcomer",
        "role": "GRID_MEMBER",
        "orgUnitId": "g1",
        "orgUnitPath": ["d1", "s1", "c1", "g1"],
        "organizationId": None,
        "since": "2026-01-01T00:00:00Z",
        "until": None,
        "grantedBy": "admin",
        **(
            {"revokedAt": "2026-02-01T00:00:00Z", "revokedBy": "admin"} if kind == "revoked" else {}
        ),
        **data,
    }
    return CloudEvent("e1", f"role.{kind}", "people", "ra-new", NOW, payload)


async def test_a_role_assignment_routes_new_cases_and_its_revocation_stays():
    fakes = area(roles=False)
    tx = bind_projection(fakes.state)

    await project_role(tx, role_event("assigned"), revoked=False)
    assert (await reported(fakes)).level is Level.GRID
    await project_role(tx, role_event("revoked"), revoked=True)
    await project_role(tx, role_event("assigned"), revoked=False)  # redelivered late

    assert (await reported(fakes, title="Street light out")).level is Level.DISTRICT


async def test_a_malformed_role_event_is_permanently_refused():
    fakes = area()

    with pytest.raises(PermanentEventError):
        await project_role(
            bind_projection(fakes.state), role_event("assigned", orgUnitPath=["d1"]), revoked=False
        )


async def test_a_moved_unit_takes_its_cases_along():
    fakes = area()
    case = await reported(fakes)
    unit = OrgUnitSnapshot(
        id="b1",
        kind="BUILDING",
        name="Harbin Road No. 3",
        parent_id="b0",
        path=["d2", "b0"],
        version=2,
    )

    await re_place(bind_projection(fakes.state), unit)

    assert stored(fakes, case).org_unit_path == ("d2", "b0", "b1")
