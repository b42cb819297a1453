"""Locale negotiation and message rendering (grassroots_kit.i18n)."""

from __future__ import annotations

import pytest
from grassroots_kit.errors import NotFound
from grassroots_kit.i18n import current_locale, fields_of, msg, negotiate, translate

pytestmark = pytest.mark.unit


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, "zh-CN"),
        ("", "zh-CN"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"),
        ("zh-TW", "zh-CN"),
        ("zh-Hans-CN", "zh-CN"),
        ("fr-FR,en;q=0.5,zh;q=0.7", "zh-CN"),
        ("fr-FR,en;q=0.5", "en"),
        ("fr-FR", "zh-CN"),
        ("en;q=0, zh", "zh-CN"),
        ("en;q=abc", "zh-CN"),
        ("*", "zh-CN"),
        ("EN-gb", "en"),
    ],
)
def test_negotiate_picks_the_preferred_supported_locale(header, expected):
    assert negotiate(header, "zh-CN") == expected


def test_negotiate_falls_back_to_the_configured_default():
    assert negotiate("de", "en") == "en"
    assert negotiate(None, "en") == "en"


def test_a_text_reads_in_english_and_renders_in_the_request_locale():
    text = msg("the access token is not valid: {detail}", detail="bad signature")
    assert str(text) == "the access token is not valid: bad signature"
    assert text.render("zh-CN") == "访问令牌无效：bad signature"
    token = current_locale.set("zh-CN")
    try:
        assert text.render() == "访问令牌无效：bad signature"
    finally:
        current_locale.reset(token)
    token = current_locale.set("en")
    try:
        assert text.render() == "the access token is not valid: bad signature"
    finally:
        current_locale.reset(token)


def test_an_untranslated_message_falls_back_to_english():
    assert translate("a text no catalog has", "zh-CN") == "a text no catalog has"


def test_a_user_error_keeps_english_for_logs_and_its_code():
    error = NotFound(msg("no case with id {id}", id="c1"), field="caseId")
    assert error.message == "no case with id c1"
    assert str(error) == "no case with id c1"
    assert error.extensions == {"code": "NOT_FOUND", "field": "caseId"}


def test_fields_of_names_the_template_fields():
    assert fields_of("{count} cases in {unit.name}") == {"count", "unit"}
    assert fields_of("no fields") == frozenset()


def test_a_field_bound_to_a_text_reads_in_the_locale_of_its_sentence():
    text = msg(
        "the access token is not valid: {detail}",
        detail=msg("the access token has expired; refresh it"),
    )
    assert str(text) == "the access token is not valid: the access token has expired; refresh it"
    assert text.render("zh-CN") == "访问令牌无效：访问令牌已过期，请刷新"
    token = current_locale.set("zh-CN")
    try:
        assert str(text).endswith("the access token has expired; refresh it")
    finally:
        current_locale.reset(token)


def test_a_locale_argument_overrides_the_request_locale_and_its_absence_keeps_it():
    from grassroots_kit.graphql.locale import GraphLocale, chosen_locale
    from grassroots_kit.i18n import current_locale

    token = current_locale.set("en")
    try:
        assert chosen_locale(None) == "en"
        assert chosen_locale(GraphLocale.ZH_CN) == "zh-CN"
        assert chosen_locale(GraphLocale.EN) == "en"
    finally:
        current_locale.reset(token)
