"""What every cost-share store keeps (the in-memory fake and MongoDB alike)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
from grassroots_participation.domain.cost_share_access import ListScope
from grassroots_participation.domain.cost_shares import (
    CostSharePlan,
    DuplicatePlan,
    HouseholdInput,
    PlanState,
    ShareMethod,
    StalePlan,
    draw_up,
    plan_key,
)
from grassroots_participation.handlers.ports import CostShareRepository

from tests.participation.helpers import uid

AT = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def a_plan(case_id: str | None = None, *, unit: str = "c1", at: datetime = AT) -> CostSharePlan:
    return draw_up(
        plan_id=uid("plan-"),
        org_unit_id=unit,
        org_unit_path=("d1", "s1", unit),
        title="Harbin Road sewage pipe",
        total_fen=1000,
        method=ShareMethod.BY_AREA,
        households=(HouseholdInput("ha", 6000), HouseholdInput("hb", 9050)),
        created_by="staff",
        at=at,
        case_id=case_id or uid("case-"),
    )


async def round_trip_keeps_every_field(store: CostShareRepository) -> None:
    plan = a_plan()
    plan.pledge("ha", 300, "rep-a", AT)
    plan.record_payment("ha", 300, "staff", AT, "receipt 1")
    plan.cover("org-red", None, "partner", AT)
    await store.insert(plan)
    assert await store.get(plan.id) == plan


async def one_live_plan_per_case(store: CostShareRepository) -> None:
    first = a_plan()
    await store.insert(first)
    with pytest.raises(DuplicatePlan):
        await store.insert(a_plan(first.case_id))
    first.cancel("staff", AT, "recalculated")
    await store.save(first)
    later = a_plan(first.case_id, at=AT + timedelta(hours=1))
    await store.insert(later)
    found = await store.for_case(str(first.case_id))
    assert found is not None
    assert found.id == later.id
    lone = a_plan()
    lone.cancel("staff", AT, "no longer needed")
    await store.insert(lone)
    many = await store.for_cases([str(first.case_id), str(lone.case_id), "no-such-case"])
    assert {c: p.id for c, p in many.items()} == {
        str(first.case_id): later.id,
        str(lone.case_id): lone.id,
    }


async def a_stale_save_is_refused(store: CostShareRepository) -> None:
    plan = a_plan()
    await store.insert(plan)
    saved = await store.save(plan)
    assert saved.version == 2
    with pytest.raises(StalePlan):
        await store.save(replace(plan, title="changed"))


async def covered_by_pages_within_units(store: CostShareRepository) -> None:
    org = uid("org-")
    plans = [a_plan(unit=u, at=AT + timedelta(minutes=i)) for i, u in enumerate(("c1", "c1", "c2"))]
    for plan in plans:
        plan.cover(org, 10, "partner", AT)
        await store.insert(plan)
    await store.insert(a_plan())  # covered by no one
    first = await store.covered_by(org, None, 2, None)
    assert [p.id for p in first.items] == [plans[0].id, plans[1].id]
    assert first.has_next
    assert first.total_count == 3
    rest = await store.covered_by(org, None, 2, plan_key(first.items[-1]))
    assert [p.id for p in rest.items] == [plans[2].id]
    within = await store.covered_by(org, frozenset({"c2"}), 10, None)
    assert [p.id for p in within.items] == [plans[2].id]


async def a_units_plans_page_within_the_scope(store: CostShareRepository) -> None:
    district = uid("d-")
    plans = [
        replace(a_plan(unit=u, at=AT + timedelta(minutes=i)), org_unit_path=(district, "s1", u))
        for i, u in enumerate(("c1", "c1", "c2"))
    ]
    for plan in plans:
        await store.insert(plan)
    plans[1].cancel("staff", AT, "recalculated")
    await store.save(plans[1])
    first = await store.of_unit(district, None, 2, None)
    assert [p.id for p in first.items] == [plans[0].id, plans[1].id]
    assert (first.has_next, first.total_count) == (True, 3)
    rest = await store.of_unit(district, None, 2, plan_key(first.items[-1]))
    assert [p.id for p in rest.items] == [plans[2].id]
    open_ = await store.of_unit(district, None, 10, None, frozenset({PlanState.OPEN}))
    assert [p.id for p in open_.items] == [plans[0].id, plans[2].id]
    held = await store.of_unit(district, ListScope(frozenset({"c2"}), frozenset()), 10, None)
    assert [p.id for p in held.items] == [plans[2].id]
    under = await store.of_unit(district, ListScope(frozenset(), frozenset({"c1"})), 10, None)
    assert [p.id for p in under.items] == [plans[0].id, plans[1].id]
    assert (await store.of_unit("c1", ListScope(frozenset(), frozenset()), 10, None)).items == []


CONTRACTS: list[Callable[[CostShareRepository], Awaitable[None]]] = [
    round_trip_keeps_every_field,
    one_live_plan_per_case,
    a_stale_save_is_refused,
    covered_by_pages_within_units,
    a_units_plans_page_within_the_scope,
]
