"""Languages through the gateway: it forwards `Accept-Language`, so vocabulary labels and error
messages come back in the caller's language while codes and `extensions.code` stay the same."""

from __future__ import annotations

from typing import Any

from tests.gateway.conftest import Gateway

VOCABULARY = """
query Words($kinds: [String!]) { vocabulary(kinds: $kinds) { kind code label description } }
"""
ME = "query Me { me { id name } }"


def labels(gateway: Gateway, kinds: list[str], language: str) -> dict[str, str]:
    body = gateway.query(VOCABULARY, {"kinds": kinds}, headers={"accept-language": language})
    assert "errors" not in body, body
    return {f"{t['kind']}.{t['code']}": t["label"] for t in body["data"]["vocabulary"]}


def only_error(body: dict[str, Any]) -> dict[str, Any]:
    assert not body.get("data") or body["data"].get("me") is None, body
    [error] = body["errors"]
    return dict(error)


def test_vocabulary_labels_come_in_the_accept_language(gateway: Gateway) -> None:
    kinds = ["CaseStatus", "CaseCategory"]
    chinese = labels(gateway, kinds, "zh-CN,zh;q=0.9,en;q=0.5")
    english = labels(gateway, kinds, "en")

    assert chinese.keys() == english.keys()
    assert chinese["CaseStatus.IN_PROGRESS"] == "办理中"
    assert chinese["CaseCategory.SEWAGE_WATER"] == "供水排水"
    assert english["CaseStatus.IN_PROGRESS"] == "In progress"


def test_an_error_reads_in_the_accept_language_with_the_same_code(gateway: Gateway) -> None:
    chinese = only_error(gateway.query(ME, headers={"accept-language": "zh-CN"}))
    english = only_error(gateway.query(ME, headers={"accept-language": "en"}))

    assert chinese["extensions"]["code"] == english["extensions"]["code"] == "UNAUTHENTICATED"
    assert english["message"].startswith("sign in first")
    assert chinese["message"] != english["message"]
    assert "请先登录" in chinese["message"], chinese


def test_an_unknown_vocabulary_kind_is_bad_input_in_either_language(gateway: Gateway) -> None:
    bodies = {
        language: gateway.query(
            VOCABULARY, {"kinds": ["Weather"]}, headers={"accept-language": language}
        )
        for language in ("zh-CN", "en")
    }
    [chinese], [english] = bodies["zh-CN"]["errors"], bodies["en"]["errors"]

    assert chinese["extensions"]["code"] == english["extensions"]["code"] == "BAD_USER_INPUT"
    assert "Weather" in chinese["message"]
    assert chinese["message"].startswith("不存在类别为")
    assert english["message"].startswith("there is no vocabulary of kind Weather")
