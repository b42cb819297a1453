"""The contract of every store port of `grassroots_cases.handlers.ports`, one class per port.

Each test takes a `harness` fixture: the ports under test plus a way to seed the projections
(which the handlers only read). `tests/cases/unit/test_store_contracts.py` runs these classes
against the in-memory fakes, `tests/cases/integration/test_store_contracts.py` against the
MongoDB adapters: the same assertions both ways, so a handler test over the fakes says what
production would do. Times are in 2001 and ids unique per test, so that a shared database with
other data cannot answer for them.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Protocol

import pytest
from grassroots_cases.adapters.role_projection import Assignment
from grassroots_cases.domain import listing
from grassroots_cases.domain.access import Place, Reader
from grassroots_cases.domain.following import Follow, FollowCounts
from grassroots_cases.domain.ids import CaseId, OrgUnitId, PersonId
from grassroots_cases.domain.listing import CaseFilter, CaseSort, sort_key
from grassroots_cases.domain.model import Case
from grassroots_cases.domain.numbering import candidate_codes
from grassroots_cases.domain.sla import CategoryOverride, DeadlineUnit, SlaPolicy
from grassroots_cases.domain.vocabulary import Category, Priority, Role, Status
from grassroots_cases.handlers.ports import CasesPorts, CasesTx, ProjectionTx
from grassroots_kit import geo
from grassroots_kit.errors import Conflict
from grassroots_kit.geo import GeoPoint

from tests.cases.unit.builders import case as built_case

T0 = datetime(2001, 3, 4, 5, 6, 7, 123000, tzinfo=UTC)


class Harness(Protocol):
    ports: CasesPorts

    async def add_unit(self, unit_id: str, kind: str, name: str, *path: str) -> None: ...
    async def assign(self, assignment: Assignment, *, revoked: bool = False) -> None: ...
    async def project(self, work: Callable[[ProjectionTx], Awaitable[None]]) -> None:
        """Run `work` in a consumer's transaction."""
        ...


def uid(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def a_case(**changes: object) -> Case:
    """A case of its own place and number, reported at T0, due 72 hours later."""
    unit = OrgUnitId(uid("unit"))
    path = (OrgUnitId(uid("district")), unit)
    defaults: dict[str, object] = {
        "id": CaseId(uid("case")),
        "number": uid("WC-2001").upper(),
        "org_unit_id": unit,
        "org_unit_path": path,
        "created_at": T0,
        "updated_at": T0,
        "due_at": T0 + timedelta(hours=72),
        "version": 1,
    }
    return built_case(**{**defaults, **changes})


async def insert(ports: CasesPorts, *cases: Case) -> None:
    async def work(tx: CasesTx) -> None:
        for case in cases:
            await tx.cases.insert(case)

    await ports.uow.run(work)


class CaseStoreContract:
    async def test_an_inserted_case_reads_back_by_id_number_and_in_a_batch(self, harness: Harness):
        case = a_case()
        await insert(harness.ports, case)

        cases = harness.ports.cases
        assert await cases.get(case.id) == case
        assert await cases.by_number(case.number) == case
        assert await cases.get_many([case.id, case.id, "nobody"]) == {case.id: case}
        assert await cases.get("nobody") is None
        assert await cases.by_number("WC-0000-NONE") is None

    async def test_save_writes_the_read_version_and_returns_the_next(self, harness: Harness):
        case = a_case()
        await insert(harness.ports, case)
        changed = replace(case, title="Water everywhere now", updated_at=T0 + timedelta(hours=1))

        async def save(tx: CasesTx) -> Case:
            return await tx.cases.save(changed)

        saved = await harness.ports.uow.run(save)

        assert saved == replace(changed, version=2)
        assert await harness.ports.cases.get(case.id) == saved

    async def test_save_of_a_stale_version_is_a_conflict_and_changes_nothing(
        self, harness: Harness
    ):
        case = a_case()
        await insert(harness.ports, case)

        async def save(tx: CasesTx) -> Case:
            return await tx.cases.save(replace(case, version=7, title="Stale title"))

        with pytest.raises(Conflict):
            await harness.ports.uow.run(save)
        assert await harness.ports.cases.get(case.id) == case

    async def test_save_keeps_the_stored_place_of_the_case(self, harness: Harness):
        case = a_case()
        await insert(harness.ports, case)
        elsewhere = replace(case, org_unit_path=(OrgUnitId("other"), case.org_unit_id))

        async def save(tx: CasesTx) -> Case:
            return await tx.cases.save(elsewhere)

        await harness.ports.uow.run(save)
        stored = await harness.ports.cases.get(case.id)
        assert stored is not None
        assert stored.org_unit_path == case.org_unit_path

    async def test_save_if_still_due_claims_only_an_unchanged_deadline(self, harness: Harness):
        case = a_case()
        await insert(harness.ports, case)
        later = replace(case, due_at=case.due_at + timedelta(hours=5))

        async def claim(due_at: datetime) -> Case | None:
            async def work(tx: CasesTx) -> Case | None:
                return await tx.cases.save_if_still_due(later, due_at)

            return await harness.ports.uow.run(work)

        assert await claim(case.due_at + timedelta(seconds=1)) is None
        assert await claim(case.due_at) == replace(later, version=2)
        assert await claim(case.due_at) is None  # the version moved on

    async def test_recent_open_are_the_units_open_cases_of_the_category_newest_first(
        self, harness: Harness
    ):
        first = a_case()
        unit, path = first.org_unit_id, first.org_unit_path
        same = {"org_unit_id": unit, "org_unit_path": path}
        second = a_case(created_at=T0 + timedelta(hours=2), **same)
        closed = a_case(status=Status.CLOSED, created_at=T0 + timedelta(hours=1), **same)
        other = a_case(category=Category.PARKING_TRAFFIC, **same)
        old = a_case(created_at=T0 - timedelta(days=3), **same)
        await insert(harness.ports, first, second, closed, other, old)

        found = await harness.ports.cases.recent_open(unit, first.category, T0 - timedelta(days=1))

        assert [c.id for c in found] == [second.id, first.id]

    async def test_overdue_are_open_cases_due_by_now_most_overdue_first(self, harness: Harness):
        late = a_case(due_at=T0 + timedelta(hours=1))
        later = a_case(due_at=T0 + timedelta(hours=2))
        on_time = a_case(due_at=T0 + timedelta(hours=5))
        done = a_case(status=Status.CLOSED, due_at=T0)
        await insert(harness.ports, later, on_time, done, late)

        now = T0 + timedelta(hours=3)
        assert [c.id for c in await harness.ports.cases.overdue(now, 10)] == [late.id, later.id]
        assert [c.id for c in await harness.ports.cases.overdue(now, 1)] == [late.id]

    async def test_resolved_before_are_resolved_cases_oldest_resolution_first(
        self, harness: Harness
    ):
        old = a_case(status=Status.RESOLVED, resolved_at=T0 + timedelta(hours=1))
        older = a_case(status=Status.RESOLVED, resolved_at=T0)
        recent = a_case(status=Status.RESOLVED, resolved_at=T0 + timedelta(days=9))
        await insert(harness.ports, old, older, recent)

        found = await harness.ports.cases.resolved_before(T0 + timedelta(days=1), 10)

        assert [c.id for c in found] == [older.id, old.id]

    async def test_imported_cases_are_known_by_their_import_key(self, harness: Harness):
        ref = uid("ref")
        imported = a_case()

        async def work(tx: CasesTx) -> None:
            await tx.cases.insert_imported([(imported, ref)])

        await harness.ports.uow.run(work)

        assert await harness.ports.cases.imported_refs([ref, uid("ref")]) == {ref}
        assert await harness.ports.cases.get(imported.id) == imported

    async def test_a_failed_transaction_leaves_nothing(self, harness: Harness):
        case = a_case()

        async def work(tx: CasesTx) -> None:
            await tx.cases.insert(case)
            raise RuntimeError("boom")

        with pytest.raises(RuntimeError):
            await harness.ports.uow.run(work)
        assert await harness.ports.cases.get(case.id) is None

    async def test_a_move_of_its_unit_re_places_the_case(self, harness: Harness):
        case = a_case()
        await insert(harness.ports, case)
        path = (uid("district"), uid("street"), case.org_unit_id)

        await harness.project(lambda tx: tx.cases.move_org_unit(case.org_unit_id, path))

        assert await harness.ports.cases.get(case.id) == replace(case, org_unit_path=path)


class CounterStoreContract:
    async def test_values_follow_on_per_key_and_a_batch_reserves_several(self, harness: Harness):
        key, other = uid("case:XX:2001"), uid("case:YY:2001")

        async def take(key: str, count: int) -> int:
            async def work(tx: CasesTx) -> int:
                return await tx.counters.next_value(key, count)

            return await harness.ports.uow.run(work)

        assert await take(key, 1) == 1
        assert await take(key, 1) == 2
        assert await take(key, 3) == 5
        assert await take(other, 1) == 1


class DistrictCodeStoreContract:
    async def test_districts_with_the_same_initials_get_different_codes_for_good(
        self, harness: Harness
    ):
        store = harness.ports.district_codes
        urban, rural = uid("district"), uid("district")
        # The database may be shared: which candidate is free is not known, only that the
        # two districts hold different ones of the name's candidates and keep them.
        first = await store.code_for(urban, candidate_codes("望城区"))
        second = await store.code_for(rural, candidate_codes("望城县"))
        assert first != second
        assert {first, second} <= set(candidate_codes("望城"))
        assert await store.code_for(urban, candidate_codes("望城区")) == first
        assert await store.code_for(rural, iter(["ZZ"])) == second


class SlaPolicyStoreContract:
    async def test_a_district_without_a_policy_has_the_defaults(self, harness: Harness):
        assert await harness.ports.sla_policies.for_district(uid("district")) == SlaPolicy()

    async def test_a_put_policy_reads_back(self, harness: Harness):
        district = uid("district")
        policy = SlaPolicy(
            {**SlaPolicy().priority_hours, Priority.URGENT: 4},
            (CategoryOverride(Category.SEWAGE_WATER, 12, Priority.NORMAL),),
        )

        async def work(tx: CasesTx) -> None:
            await tx.sla_policies.put(district, policy, "admin", T0)

        await harness.ports.uow.run(work)

        assert await harness.ports.sla_policies.for_district(district) == policy

    async def test_a_working_day_policy_reads_back_with_its_units(self, harness: Harness):
        district = uid("district")
        policy = SlaPolicy(
            {**SlaPolicy().priority_hours, Priority.URGENT: 0},
            (
                CategoryOverride(
                    Category.SEWAGE_WATER, 3, Priority.NORMAL, DeadlineUnit.WORKING_DAYS
                ),
            ),
            {Priority.URGENT: DeadlineUnit.WORKING_DAYS},
        )

        async def work(tx: CasesTx) -> None:
            await tx.sla_policies.put(district, policy, "admin", T0)

        await harness.ports.uow.run(work)

        assert await harness.ports.sla_policies.for_district(district) == policy


class OrgUnitStoreContract:
    async def test_a_projected_unit_reads_back_with_its_path(self, harness: Harness):
        district, unit = uid("district"), uid("community")
        await harness.add_unit(unit, "COMMUNITY", "Riverside", district)

        found = await harness.ports.org_units.get(unit)

        assert found is not None
        assert (found.id, found.kind, found.name) == (unit, "COMMUNITY", "Riverside")
        assert found.path_with_self == (district, unit)
        assert await harness.ports.org_units.get(uid("nowhere")) is None

    async def test_a_batch_reads_the_units_it_finds(self, harness: Harness):
        district, unit = uid("district"), uid("community")
        await harness.add_unit(unit, "COMMUNITY", "Riverside", district)

        found = await harness.ports.org_units.get_many([unit, unit, uid("nowhere")])

        assert {i: u.name for i, u in found.items()} == {unit: "Riverside"}

    async def test_children_are_the_units_right_below_by_name_up_to_the_limit(
        self, harness: Harness
    ):
        district, street = uid("district"), uid("street")
        await harness.add_unit(street, "STREET", "Gaotangling", district)
        for name in ("Xiangzhang", "Taohuajing", "Baisha"):
            await harness.add_unit(uid(name), "COMMUNITY", name, district, street)
        await harness.add_unit(uid("grid"), "GRID", "Grid 1", district, street, uid("beneath"))

        below_district = await harness.ports.org_units.children(district, 10)
        below_street = await harness.ports.org_units.children(street, 2)

        assert [u.name for u in below_district] == ["Gaotangling"]
        assert [u.name for u in below_street] == ["Baisha", "Taohuajing"]


def an_assignment(person: str, role: Role, path: tuple[str, ...], org: str | None = None):
    return Assignment(uid("assignment"), person, role.value, path[-1], path, org)


class RoleStoreContract:
    async def test_active_assignments_over_a_path_and_of_a_person(self, harness: Harness):
        district, grid = uid("district"), uid("grid")
        person, other = uid("person"), uid("person")
        above = an_assignment(person, Role.STREET_STAFF, (district,))
        here = an_assignment(other, Role.GRID_MEMBER, (district, grid))
        gone = an_assignment(other, Role.GRID_CHIEF, (district, grid))
        await harness.assign(above)
        await harness.assign(here)
        await harness.assign(gone, revoked=True)

        roles = harness.ports.roles
        found = await roles.active_over((district, grid))
        assert sorted(a.id for a in found) == sorted([above.id, here.id])
        assert await roles.of_person_over(other, (district, grid)) == [here]
        assert await roles.of_person_over(person, (uid("elsewhere"),)) == []

    async def test_an_organization_is_known_by_an_active_member(self, harness: Harness):
        path = (uid("district"), uid("grid"))
        org, gone_org = uid("org"), uid("org")
        await harness.assign(an_assignment(uid("p"), Role.RED_PARTNER_MEMBER, path, org))
        await harness.assign(
            an_assignment(uid("p"), Role.RED_PARTNER_MEMBER, path, gone_org), revoked=True
        )

        assert await harness.ports.roles.organization_known(org)
        assert not await harness.ports.roles.organization_known(gone_org)
        assert not await harness.ports.roles.organization_known(uid("org"))

    async def test_a_revocation_overtaking_its_assignment_stays(self, harness: Harness):
        path = (uid("district"), uid("grid"))
        early = an_assignment(uid("p"), Role.GRID_MEMBER, path)
        late = an_assignment(uid("p"), Role.GRID_MEMBER, path)

        async def work(tx: ProjectionTx) -> None:
            await tx.roles.revoked(early, "2001-01-01T00:00:00Z")
            await tx.roles.assigned(early, None, None)  # the assignment arrives after all
            await tx.roles.assigned(late, None, None)
            await tx.roles.assigned(late, None, None)  # and twice

        await harness.project(work)

        assert await harness.ports.roles.active_over(path) == [late]

    async def test_a_move_of_the_unit_re_places_its_assignments(self, harness: Harness):
        path = (uid("district"), uid("grid"))
        held = an_assignment(uid("p"), Role.GRID_MEMBER, path)
        moved = (uid("district"), uid("street"), path[-1])
        await harness.assign(held)

        await harness.project(lambda tx: tx.roles.move_org_unit(path[-1], moved))

        assert await harness.ports.roles.active_over(moved[:1]) == []
        assert await harness.ports.roles.active_over(moved) == [replace(held, org_unit_path=moved)]


class CaseQueriesContract:
    async def test_a_page_holds_what_the_filter_and_the_reader_allow_in_order(
        self, harness: Harness
    ):
        first = a_case(due_at=T0 + timedelta(hours=20))
        unit, path = first.org_unit_id, first.org_unit_path
        same = {"org_unit_id": unit, "org_unit_path": path}
        second = a_case(created_at=T0 + timedelta(hours=1), due_at=T0 + timedelta(hours=10), **same)
        third = a_case(created_at=T0 + timedelta(hours=2), due_at=T0 + timedelta(hours=30), **same)
        rejected = a_case(status=Status.REJECTED, created_at=T0 + timedelta(hours=3), **same)
        await insert(harness.ports, first, second, third, rejected)
        staff = Reader(PersonId(uid("staff")), (Place(Role.STREET_STAFF, path[0], (path[0],)),))
        stranger = Reader(PersonId(uid("stranger")), ())
        queries = harness.ports.queries
        everything = CaseFilter(within=unit)
        now = T0 + timedelta(days=1)

        one = await queries.page(everything, staff, CaseSort.CREATED, 2, None, now)
        two = await queries.page(
            everything, staff, CaseSort.CREATED, 2, sort_key(one.items[-1], CaseSort.CREATED), now
        )
        open_only = await queries.page(
            CaseFilter(within=unit, statuses=(Status.REPORTED,)), staff, CaseSort.DUE, 9, None, now
        )
        hidden = await queries.page(everything, stranger, CaseSort.CREATED, 9, None, now)

        assert [c.id for c in one.items] == [rejected.id, third.id]
        assert (one.has_next, one.has_previous, one.total_count) == (True, False, 4)
        assert [c.id for c in two.items] == [second.id, first.id]
        assert (two.has_next, two.has_previous) == (False, True)
        assert [c.id for c in open_only.items] == [second.id, first.id, third.id]
        assert (hidden.items, hidden.total_count) == ([], 0)

    async def test_summaries_leave_out_rejected_cases(self, harness: Harness):
        case = a_case()
        same = {"org_unit_id": case.org_unit_id, "org_unit_path": case.org_unit_path}
        rejected = a_case(status=Status.REJECTED, **same)
        await insert(harness.ports, case, rejected)

        page = await harness.ports.queries.summaries(case.org_unit_id, 10, None)

        assert [c.id for c in page.items] == [case.id]

    async def test_statistics_count_the_subtrees_cases_of_the_period(self, harness: Harness):
        case = a_case()
        same = {"org_unit_id": case.org_unit_id, "org_unit_path": case.org_unit_path}
        late = a_case(due_at=T0 + timedelta(hours=1), **same)
        outside = a_case(created_at=T0 + timedelta(days=40), **same)
        await insert(harness.ports, case, late, outside)
        district = case.org_unit_path[0]

        stats = await harness.ports.queries.statistics(
            district,
            T0 - timedelta(days=1),
            T0 + timedelta(days=1),
            T0 + timedelta(hours=2),
            depth=0,
        )

        assert stats.collected == 2
        assert stats.overdue_now == 1

    async def test_place_filters_and_cells_agree_with_the_maths(self, harness: Harness):
        centre = GeoPoint(lat=36.0869, lng=120.3640)
        inside = a_case(location=geo.destination(centre, 30, 299))
        same = {"org_unit_id": inside.org_unit_id, "org_unit_path": inside.org_unit_path}
        outside = a_case(location=geo.destination(centre, 30, 301), **same)
        unplaced = a_case(**same)
        boxed = a_case(location=GeoPoint(centre.lat + 0.01, centre.lng + 0.01), **same)
        await insert(harness.ports, inside, outside, unplaced, boxed)
        district = inside.org_unit_path[0]
        staff = Reader(PersonId(uid("staff")), (Place(Role.STREET_STAFF, district, (district,)),))
        queries = harness.ports.queries
        now = T0 + timedelta(days=1)
        circle = listing.near(centre.lat, centre.lng, 300)
        box = listing.box(
            centre.lat + 0.005, centre.lng + 0.005, centre.lat + 0.02, centre.lng + 0.02
        )

        near = await queries.page(CaseFilter(near=circle), staff, CaseSort.CREATED, 9, None, now)
        in_box = await queries.page(CaseFilter(area=box), staff, CaseSort.CREATED, 9, None, now)
        size = geo.cell_size_micro(10)
        cells = await queries.cells(
            district, size, T0 - timedelta(days=1), T0 + timedelta(days=1), (), 100
        )

        assert [c.id for c in near.items] == [inside.id]
        assert [c.id for c in in_box.items] == [boxed.id]
        expected = Counter(
            geo.cell_of(c.location, size) for c in (inside, outside, boxed) if c.location
        )
        assert {c.cell: c.count for c in cells} == expected


class FollowStoreContract:
    async def test_counts_are_per_case_and_say_what_the_viewer_did(self, harness: Harness):
        case_a, case_b = uid("case"), uid("case")

        async def work(tx: CasesTx) -> None:
            await tx.follows.save(Follow(case_a, "p1", following=True, since=T0))
            await tx.follows.save(
                Follow(case_a, "p2", following=True, me_too=True, since=T0, me_too_at=T0)
            )
            await tx.follows.save(Follow(case_a, "p3", following=False, me_too=True, me_too_at=T0))

        await harness.ports.uow.run(work)

        counts = await harness.ports.follows.counts([case_a, case_b], "p2")
        assert counts[case_a] == FollowCounts(2, 2, True, True)
        assert counts[case_b] == FollowCounts()
        assert (await harness.ports.follows.counts([case_a], None))[case_a].followed_by_me is False

    async def test_a_saved_follow_reads_back_and_is_replaced(self, harness: Harness):
        case = uid("case")
        first = Follow(case, "p1", following=True, since=T0)

        async def save(follow: Follow) -> None:
            async def work(tx: CasesTx) -> None:
                await tx.follows.save(follow)

            await harness.ports.uow.run(work)

        await save(first)
        assert await harness.ports.follows.get(case, "p1") == first
        await save(Follow(case, "p1", following=False))
        assert await harness.ports.follows.get(case, "p1") == Follow(case, "p1")
        assert await harness.ports.follows.get(case, "nobody") is None
