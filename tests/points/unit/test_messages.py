"""Points' refusals are translatable templates: each renders in zh-CN and in en from the same
error, whose code and fields do not depend on the language."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from grassroots_kit.errors import BadUserInput, InvalidTransition
from grassroots_kit.i18n import catalogs, fields_of
from grassroots_points.domain.ids import EntryId, PersonId
from grassroots_points.domain.ledger import Entry, EntryKind, InsufficientPoints
from grassroots_points.domain.rewards import (
    MAX_QUANTITY,
    RedemptionStatus,
    check_can_leave,
    check_quantity,
)

from tests.points.helpers import uid


def test_leaving_a_fulfilled_redemption_is_refused_in_both_languages():
    with pytest.raises(InvalidTransition) as refused:
        check_can_leave(RedemptionStatus.FULFILLED, RedemptionStatus.CANCELLED)

    error = refused.value
    assert error.text.render("zh-CN") == "这笔兑换已发放，不能取消"
    assert error.text.render("en") == "this redemption is already fulfilled; it cannot be cancelled"
    assert str(error) == error.text.render("en")  # logs read English
    assert error.extensions == {"code": "INVALID_TRANSITION", "field": "id", "status": "FULFILLED"}


@pytest.mark.parametrize("to", [RedemptionStatus.FULFILLED, RedemptionStatus.CANCELLED])
@pytest.mark.parametrize("status", [RedemptionStatus.FULFILLED, RedemptionStatus.CANCELLED])
def test_every_finished_redemption_has_its_own_translated_sentence(status, to):
    with pytest.raises(InvalidTransition) as refused:
        check_can_leave(status, to)

    text = refused.value.text
    assert catalogs.has(text.template, "zh-CN")
    assert text.render("zh-CN") != text.render("en")
    assert status.value not in text.render("zh-CN")  # no status code inside the sentence


def test_a_requested_redemption_may_leave():
    check_can_leave(RedemptionStatus.REQUESTED, RedemptionStatus.CANCELLED)


def test_an_unpayable_debit_names_the_balance_and_the_need_in_both_languages():
    debit = Entry(
        id=EntryId(uid("e-")),
        person_id=PersonId(uid("p-")),
        delta=-60,
        kind=EntryKind.REDEMPTION,
        reason="redeemed 2 x rice",
        at=datetime(2026, 12, 7, tzinfo=UTC),
    )

    error = InsufficientPoints.paying(debit, 50)

    assert error.text.render("zh-CN") == "积分余额不足：当前余额 50 分，需要 60 分"
    assert error.text.render("en") == "the balance is 50 points; 60 are needed"
    assert error.extensions == {"code": "BAD_USER_INPUT", "field": "quantity", "balance": 50}
    adjustment = dataclasses.replace(debit, kind=EntryKind.ADJUSTMENT)
    assert InsufficientPoints.paying(adjustment, 50).extensions["field"] == "delta"


def test_a_bound_field_keeps_its_value_in_the_translation():
    with pytest.raises(BadUserInput) as refused:
        check_quantity(0)

    text = refused.value.text
    assert fields_of(catalogs.translate(text.template, "zh-CN")) == {"max_quantity"}
    assert text.render("zh-CN") == f"数量必须在 1 到 {MAX_QUANTITY} 之间"
    assert text.render("en") == f"quantity must be between 1 and {MAX_QUANTITY}"
