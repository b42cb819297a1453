"""The `vocabulary` query: enum codes with their labels in the language asked, for anyone."""

from __future__ import annotations

from typing import Any

from tests.support.apps import RunningService

VOCABULARY = """
query($kinds: [String!], $locale: Locale) {
  vocabulary(kinds: $kinds, locale: $locale) { kind code label description }
}
"""


async def ask(
    people: RunningService, variables: dict[str, Any], accept_language: str | None = None
) -> dict[str, Any]:
    headers = {"accept-language": accept_language} if accept_language else {}
    response = await people.client.post(
        "/graphql", json={"query": VOCABULARY, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def by_code(body: dict[str, Any]) -> dict[str, dict[str, str]]:
    assert "errors" not in body, body
    return {term["code"]: term for term in body["data"]["vocabulary"]}


async def test_an_anonymous_caller_reads_labels_in_the_accept_language(people: RunningService):
    chinese = by_code(await ask(people, {"kinds": ["CaseStatus"]}, "zh-CN,zh;q=0.9"))
    english = by_code(await ask(people, {"kinds": ["CaseStatus"]}, "en-US"))

    assert chinese["IN_PROGRESS"]["label"] == "办理中"
    assert chinese["REPORTED"]["description"] == "已提交，等待受理。"
    assert english["IN_PROGRESS"]["label"] == "In progress"
    assert chinese.keys() == english.keys() >= {"REPORTED", "CLOSED", "ON_ORDER_BOARD"}
    assert {term["kind"] for term in chinese.values()} == {"CaseStatus"}


async def test_the_locale_argument_wins_over_accept_language(people: RunningService):
    english = by_code(await ask(people, {"kinds": ["OrgUnitKind"], "locale": "EN"}, "zh-CN"))
    chinese = by_code(await ask(people, {"kinds": ["OrgUnitKind"], "locale": "ZH_CN"}, "en"))

    assert english["VILLAGE"]["label"] == "Village"
    assert chinese["VILLAGE"]["label"] == "行政村"
    assert chinese["TOWN"]["label"] == "乡镇"


async def test_without_kinds_every_enum_is_described_once(people: RunningService):
    body = await ask(people, {}, "zh-CN")
    assert "errors" not in body, body
    terms = body["data"]["vocabulary"]
    pairs = [(term["kind"], term["code"]) for term in terms]

    assert len(pairs) == len(set(pairs))
    assert {"CaseCategory", "Role", "CareLevel", "RedemptionStatus"} <= {k for k, _ in pairs}
    twice = await ask(people, {"kinds": ["CareLevel", "CareLevel"]}, "zh-CN")
    assert [t["code"] for t in twice["data"]["vocabulary"]] == ["RED", "YELLOW", "GREEN", "NONE"]


async def test_an_unknown_kind_is_bad_input_in_either_language(people: RunningService):
    chinese = await ask(people, {"kinds": ["CaseStatus", "Mood"]}, "zh-CN")
    english = await ask(people, {"kinds": ["CaseStatus", "Mood"]}, "en")

    assert chinese["data"] is None
    assert english["data"] is None
    [zh_error], [en_error] = chinese["errors"], english["errors"]
    assert zh_error["extensions"]["code"] == en_error["extensions"]["code"] == "BAD_USER_INPUT"
    assert zh_error["extensions"]["field"] == "kinds"
    assert zh_error["message"].startswith("不存在类别为 Mood 的词表")
    assert en_error["message"].startswith("there is no vocabulary of kind Mood")
