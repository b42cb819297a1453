"""A domain refusal of people reads in English and in zh-CN, with the same code and field: the
role, the kinds of unit and the input field it names are translated with the sentence."""

from datetime import UTC, datetime

import pytest
from grassroots_kit.errors import BadUserInput, Forbidden
from grassroots_kit.i18n import current_locale, msg
from grassroots_people.domain import access
from grassroots_people.domain.ids import OrgUnitId
from grassroots_people.domain.org_units import OrgUnit, OrgUnitKind, clean_name, new_org_unit
from grassroots_people.domain.roles import Role, check_role_fits

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def street() -> OrgUnit:
    district = new_org_unit(
        id=OrgUnitId("d"), kind=OrgUnitKind.DISTRICT, name="望城区", parent=None, now=NOW
    )
    return new_org_unit(
        id=OrgUnitId("s"), kind=OrgUnitKind.STREET, name="高塘岭街道", parent=district, now=NOW
    )


def test_a_role_held_at_the_wrong_rung_reads_in_both_locales():
    with pytest.raises(BadUserInput) as raised:
        check_role_fits(Role.DISTRICT_ADMIN, street(), None)

    error = raised.value
    assert error.extensions == {"code": "BAD_USER_INPUT", "field": "orgUnitId"}
    assert error.message == "DISTRICT_ADMIN is held at a DISTRICT, not at a STREET"
    assert error.text.render("en") == "DISTRICT_ADMIN is held at a DISTRICT, not at a STREET"
    assert error.text.render("zh-CN") == "区级管理员须在区任职，不能在街道任职"


def test_the_request_locale_picks_the_language_and_the_log_stays_english():
    token = current_locale.set("zh-CN")
    try:
        with pytest.raises(BadUserInput) as raised:
            clean_name("   ")
    finally:
        current_locale.reset(token)

    assert raised.value.message == "name must not be empty"
    assert raised.value.text.render("zh-CN") == "名称不能为空"
    assert raised.value.extensions == {"code": "BAD_USER_INPUT", "field": "name"}


def test_what_someone_may_not_do_is_translated_inside_the_refusal():
    with pytest.raises(Forbidden) as raised:
        access.require(False, msg("create households here"))

    assert raised.value.message == "you may not create households here"
    assert raised.value.text.render("zh-CN") == "您无权在此新建住户"
    assert raised.value.extensions == {"code": "FORBIDDEN"}
