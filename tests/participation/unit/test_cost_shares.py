"""The arithmetic and the state rules of cost-sharing plans (pure domain)."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from grassroots_kit.errors import BadUserInput, InvalidTransition, NotFound
from grassroots_participation.domain.cost_shares import (
    MAX_FEN,
    AuditAction,
    CostSharePlan,
    HouseholdInput,
    PlanState,
    ShareMethod,
    area_centi,
    check_target,
    draw_up,
    split,
)

pytestmark = pytest.mark.unit

AT = datetime(2026, 12, 7, 2, 0, tzinfo=UTC)


def plan(
    total: int = 1000, method: ShareMethod = ShareMethod.EQUAL, *households: HouseholdInput
) -> CostSharePlan:
    return draw_up(
        plan_id="p1",
        org_unit_id="c1",
        org_unit_path=("d1", "s1", "c1"),
        title="Harbin Road sewage pipe",
        total_fen=total,
        method=method,
        households=households or (HouseholdInput("ha"), HouseholdInput("hb"), HouseholdInput("hc")),
        created_by="staff",
        at=AT,
        case_id="case-1",
    )


# --- arithmetic -----------------------------------------------------------------------------


def test_equal_shares_give_the_remainder_fen_to_the_first_households():
    assert split(1000, [1, 1, 1]) == [334, 333, 333]
    assert split(1001, [1, 1, 1]) == [334, 334, 333]
    assert split(999, [1, 1, 1]) == [333, 333, 333]


def test_shares_always_add_up_to_the_total_and_stay_within_a_fen_of_exact():
    for total in (1, 7, 100, 99_999, 1_234_567, MAX_FEN):
        for weights in ([1] * 7, [3, 5, 11], [12_345, 1, 99_999], [1] * 300):
            shares = split(total, weights)
            assert sum(shares) == total
            whole = sum(weights)
            for share, weight in zip(shares, weights, strict=True):
                assert abs(share * whole - total * weight) < whole  # less than one fen off


def test_shares_by_area_are_proportional_in_hundredths_of_a_square_metre():
    p = plan(
        10_000,
        ShareMethod.BY_AREA,
        HouseholdInput("ha", area_centi(Decimal("60"))),
        HouseholdInput("hb", area_centi(Decimal("90.5"))),
        HouseholdInput("hc", area_centi(Decimal("49.50"))),
    )
    # 60 : 90.5 : 49.5 of 100.00 yuan = 30.00, 45.25, 24.75
    assert [h.share_fen for h in p.households] == [3000, 4525, 2475]


def test_by_area_remainders_go_to_the_first_households_too():
    p = plan(
        100,
        ShareMethod.BY_AREA,
        HouseholdInput("ha", 100),
        HouseholdInput("hb", 100),
        HouseholdInput("hc", 100),
    )
    assert [h.share_fen for h in p.households] == [34, 33, 33]


def test_an_area_with_more_than_two_decimals_is_refused():
    with pytest.raises(BadUserInput):
        area_centi(Decimal("60.125"))
    with pytest.raises(BadUserInput):
        area_centi(Decimal("NaN"))


def test_shares_by_area_need_every_households_area():
    with pytest.raises(BadUserInput):
        plan(100, ShareMethod.BY_AREA, HouseholdInput("ha", 100), HouseholdInput("hb"))


def test_pledged_plans_set_no_shares():
    p = plan(100, ShareMethod.PLEDGED)
    assert [h.share_fen for h in p.households] == [None, None, None]
    with pytest.raises(BadUserInput):
        p.pledge("ha", None, "rep-a", AT)  # a plan of pledges needs an amount


@pytest.mark.parametrize("total", [0, -1, MAX_FEN + 1])
def test_a_total_out_of_bounds_is_refused(total: int):
    with pytest.raises(BadUserInput):
        plan(total)


def test_a_plan_names_a_case_or_an_agenda_item_not_both():
    with pytest.raises(BadUserInput):
        draw_up(
            plan_id="p",
            org_unit_id="c1",
            org_unit_path=("c1",),
            title="t",
            total_fen=1,
            method=ShareMethod.EQUAL,
            households=(HouseholdInput("ha"),),
            created_by="s",
            at=AT,
            case_id="c",
            meeting_id="m",
            agenda_item_id="i",
        )


@pytest.mark.parametrize(
    ("case_id", "meeting_id", "item_id"),
    [(None, None, None), ("c", "m", None), (None, "m", None), (None, None, "i"), ("", None, None)],
)
def test_a_plan_needs_one_whole_target(
    case_id: str | None, meeting_id: str | None, item_id: str | None
):
    with pytest.raises(BadUserInput):
        check_target(case_id, meeting_id, item_id)
    check_target("c", None, None)
    check_target(None, "m", "i")


def test_each_household_once():
    with pytest.raises(BadUserInput):
        plan(100, ShareMethod.EQUAL, HouseholdInput("ha"), HouseholdInput("ha"))


# --- pledges, covers, funding ---------------------------------------------------------------


@pytest.mark.parametrize("amount", [0, -100])
def test_a_pledge_of_zero_or_less_is_refused_and_changes_nothing(amount: int):
    p = plan()
    with pytest.raises(BadUserInput):
        p.pledge("ha", amount, "rep-a", AT)
    assert p.pledges == {}
    assert len(p.audit) == 1


def test_a_pledge_that_would_overflow_the_sums_is_refused():
    p = plan(MAX_FEN, ShareMethod.PLEDGED)
    p.pledge("ha", MAX_FEN - 1, "rep-a", AT)
    with pytest.raises(BadUserInput):
        p.pledge("hb", MAX_FEN, "rep-b", AT)
    assert p.totals().pledged_fen == MAX_FEN - 1


def test_a_pledge_without_an_amount_is_the_households_share_and_can_be_revised():
    p = plan(1000)
    p.pledge("ha", None, "rep-a", AT)
    assert p.pledges == {"ha": 334}
    p.pledge("ha", 200, "rep-a", AT)
    assert p.pledges == {"ha": 200}
    assert [e.action for e in p.audit] == [
        AuditAction.CREATED,
        AuditAction.PLEDGED,
        AuditAction.PLEDGED,
    ]


def test_a_household_not_in_the_plan_cannot_pledge():
    with pytest.raises(NotFound):
        plan().pledge("hx", 100, "someone", AT)


def test_pledges_plus_a_cover_fund_the_plan_exactly_once():
    p = plan(1000)
    assert p.pledge("ha", 300, "rep-a", AT) is False
    assert p.pledge("hb", 300, "rep-b", AT) is False
    assert p.totals().shortfall_fen == 400
    assert p.cover("red-partner", None, "member", AT) is True  # the whole shortfall
    assert p.state is PlanState.FUNDED
    assert p.funded_at == AT
    assert p.totals().covered_fen == 400
    assert p.totals().shortfall_fen == 0
    assert [e.action for e in p.audit].count(AuditAction.FUNDED) == 1


def test_a_funded_plan_takes_no_more_pledges_or_covers():
    p = plan(1000)
    p.pledge("ha", 1000, "rep-a", AT)
    assert p.state is PlanState.FUNDED
    with pytest.raises(InvalidTransition):
        p.pledge("hb", 10, "rep-b", AT)
    with pytest.raises(InvalidTransition):
        p.cover("red-partner", 10, "member", AT)


def test_a_cover_may_not_exceed_the_shortfall():
    p = plan(1000)
    p.pledge("ha", 900, "rep-a", AT)
    with pytest.raises(BadUserInput) as refused:
        p.cover("red-partner", 101, "member", AT)
    assert refused.value.extensions["shortfallFen"] == 100
    assert p.covers == []
    assert p.state is PlanState.OPEN


def test_the_funding_entry_of_a_households_pledge_names_that_household():
    p = plan(1000)
    p.pledge("ha", 1000, "rep-a", AT)
    funded = [e for e in p.audit if e.action is AuditAction.FUNDED]
    assert funded[0].household_id == "ha"


# --- payments, spending, cancelling ---------------------------------------------------------


def test_payments_are_recorded_while_open_or_funded():
    p = plan(1000)
    p.record_payment("ha", 334, "staff", AT, "receipt 17")
    p.pledge("ha", 1000, "rep-a", AT)
    p.record_payment("ha", 666, "staff", AT)
    assert p.paid_by("ha") == 1000
    assert p.totals().paid_fen == 1000
    with pytest.raises(BadUserInput):
        p.record_payment("hb", 0, "staff", AT)
    with pytest.raises(NotFound):
        p.record_payment("hx", 10, "staff", AT)


def test_only_a_funded_plan_is_spent_and_a_spent_plan_is_final():
    p = plan(1000)
    with pytest.raises(InvalidTransition):
        p.record_spending(1000, "staff", AT)
    p.pledge("ha", 1000, "rep-a", AT)
    p.record_spending(980, "staff", AT, "contractor's invoice")
    assert p.state is PlanState.SPENT
    assert p.spent_fen == 980
    for change in (
        lambda: p.cancel("staff", AT, "no"),
        lambda: p.record_payment("ha", 1, "staff", AT),
        lambda: p.pledge("hb", 1, "rep-b", AT),
        lambda: p.record_spending(1, "staff", AT),
    ):
        with pytest.raises(InvalidTransition):
            change()


def test_cancelling_needs_a_reason_and_ends_the_plan():
    p = plan(1000)
    with pytest.raises(BadUserInput):
        p.cancel("staff", AT, "  ")
    p.cancel("staff", AT, "the department agreed to pay after all")
    assert p.state is PlanState.CANCELLED
    assert not p.active
    with pytest.raises(InvalidTransition):
        p.pledge("ha", 10, "rep-a", AT)


def test_the_audit_trail_only_grows():
    p = plan(1000)
    p.pledge("ha", 500, "rep-a", AT)
    before = list(p.audit)
    p.cover("red-partner", 500, "member", AT)
    p.record_payment("ha", 500, "staff", AT)
    p.record_spending(1000, "staff", AT)
    assert p.audit[: len(before)] == before
    assert [e.action for e in p.audit[len(before) :]] == [
        AuditAction.COVERED,
        AuditAction.FUNDED,
        AuditAction.PAID,
        AuditAction.SPENT,
    ]
