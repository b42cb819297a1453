"""Points' refusals and the reasons it writes in the ledger are translatable templates: each
renders in zh-CN and in en, and an error's code and fields do not depend on the language."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest
from grassroots_contracts.event_types import CASE_CLOSED, VISIT_LOGGED
from grassroots_contracts.roles import UNIT_ROLES
from grassroots_kit.errors import BadUserInput, InvalidTransition
from grassroots_kit.i18n import LOCALES, catalogs, current_locale, fields_of, msg
from grassroots_points.domain.ids import EntryId, PersonId
from grassroots_points.domain.ledger import (
    MAX_REASON_LENGTH,
    Entry,
    EntryKind,
    InsufficientPoints,
    written,
)
from grassroots_points.domain.occasions import Occasion
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


def test_a_reason_points_writes_is_kept_in_english_and_read_in_the_readers_language():
    text = msg("redeemed {quantity} x {name}", quantity=2, name="大米")
    debit = Entry(
        id=EntryId(uid("e-")),
        person_id=PersonId(uid("p-")),
        delta=-60,
        kind=EntryKind.REDEMPTION,
        at=datetime(2026, 12, 7, tzinfo=UTC),
        **written(text),
    )

    assert debit.reason == "redeemed 2 x 大米"  # stored English, as before
    token = current_locale.set("zh-CN")
    try:
        assert debit.reason_read() == "兑换了 2 件“大米”"
    finally:
        current_locale.reset(token)
    token = current_locale.set("en")
    try:
        assert debit.reason_read() == "redeemed 2 x 大米"
    finally:
        current_locale.reset(token)


def test_a_typed_reason_reads_as_typed_in_every_language():
    adjustment = Entry(
        id=EntryId(uid("e-")),
        person_id=PersonId(uid("p-")),
        delta=5,
        kind=EntryKind.ADJUSTMENT,
        reason="helped at the flood point",
        at=datetime(2026, 12, 7, tzinfo=UTC),
    )
    for locale in LOCALES:
        token = current_locale.set(locale)
        try:
            assert adjustment.reason_read() == "helped at the flood point"
        finally:
            current_locale.reset(token)


def test_a_long_reason_is_cut_in_english_only():
    text = msg("case reopened: {reason}", reason="漏" * (MAX_REASON_LENGTH + 10))

    fields = written(text)

    assert len(fields["reason"]) == MAX_REASON_LENGTH
    assert fields["reason_text"] is text


@pytest.mark.parametrize(
    ("care_level", "english", "chinese"),
    [
        ("RED", "visited a RED household", "走访了一户红色关爱户"),
        ("GREEN", "visited a GREEN household", "走访了一户绿色关爱户"),
        ("NONE", "visited a household", "走访了一户居民"),
        (None, "visited a household", "走访了一户居民"),
    ],
)
def test_an_award_for_a_visit_reads_in_both_languages(care_level, english, chinese):
    visit = Occasion(
        rule_event_type=VISIT_LOGGED,
        person_id=PersonId("p1"),
        source_event_id="ev-1",
        source_event_type=VISIT_LOGGED,
        at=datetime(2026, 12, 7, tzinfo=UTC),
        org_unit_id="n1",
        org_unit_path=("d1", "n1"),
        care_level=care_level,
    )

    assert visit.reason.render("en") == english
    assert visit.reason.render("zh-CN") == chinese


@pytest.mark.parametrize("role", sorted(UNIT_ROLES))
def test_an_award_for_a_case_names_every_role_in_words_in_both_languages(role):
    handled = Occasion(
        rule_event_type=CASE_CLOSED,
        person_id=PersonId("p1"),
        source_event_id="ev-1",
        source_event_type=CASE_CLOSED,
        at=datetime(2026, 12, 7, tzinfo=UTC),
        org_unit_id="n1",
        org_unit_path=("d1", "n1"),
        role=role.value,
    )

    assert catalogs.has(handled.reason.template, "zh-CN")
    assert role.value not in handled.reason.render("zh-CN")
    assert role.value not in handled.reason.render("en")
    assert handled.reason.render("zh-CN").endswith("办结了一件案件")
