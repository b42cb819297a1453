"""A cases error answers in the language the request asks for (`Accept-Language`), with the same
`extensions` whatever the language: clients branch on the code, people read the message."""

from __future__ import annotations

from tests.cases.integration.conftest import Cases


async def test_an_unknown_case_is_not_found_in_chinese_and_in_english(cases: Cases):
    ref = {"caseId": "no-such-case"}

    chinese = await cases.act("cstaff", "acceptCase", ref, language="zh-CN")
    english = await cases.act("cstaff", "acceptCase", ref, language="en")
    unasked = await cases.act("cstaff", "acceptCase", ref)

    [zh], [en], [default] = chinese["errors"], english["errors"], unasked["errors"]
    assert zh["extensions"]["code"] == en["extensions"]["code"] == "NOT_FOUND"
    assert zh["extensions"]["field"] == en["extensions"]["field"] == "caseId"
    assert zh["extensions"] == en["extensions"] == default["extensions"]
    assert zh["path"] == en["path"] == ["acceptCase"]
    assert en["message"] == "no case with id no-such-case"
    assert zh["message"] == "找不到 ID 为 no-such-case 的案件"
    # No Accept-Language: the service's default locale, zh-CN.
    assert default["message"] == zh["message"]


async def test_a_workflow_refusal_reads_in_the_preferred_language(cases: Cases):
    case = await cases.report("res-1", title="Lift out of order")
    ref = {"caseId": case["id"]}
    accepted = await cases.act("cstaff", "acceptCase", ref)
    assert "errors" not in accepted, accepted

    # Weighted and regional tags: the best supported language wins.
    english = await cases.act("cstaff", "acceptCase", ref, language="fr;q=1, en-GB;q=0.8, zh;q=0.5")
    chinese = await cases.act("cstaff", "acceptCase", ref, language="zh-Hans-CN, en;q=0.3")

    [en], [zh] = english["errors"], chinese["errors"]
    assert en["extensions"] == zh["extensions"]
    assert en["extensions"]["code"] == "INVALID_TRANSITION"
    assert en["extensions"]["status"] == "ACCEPTED"
    assert en["message"] == "cannot accept a case that is ACCEPTED; it must be one of: REPORTED"
    assert zh["message"] == (
        "案件当前状态为 ACCEPTED，不能受理；只有以下状态的案件才能受理：REPORTED"
    )
    # Refused in either language, nothing changed.
    again = await cases.gql(
        "cstaff", "query($id: ID!) { case(id: $id) { status version } }", {"id": case["id"]}
    )
    assert again["data"]["case"] == {
        "status": "ACCEPTED",
        "version": accepted["data"]["acceptCase"]["case"]["version"],
    }
