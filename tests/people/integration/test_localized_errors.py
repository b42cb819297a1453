"""People's errors over GraphQL in the caller's language (Accept-Language), zh-CN or en, with the
same `extensions.code` and field: a wrong password, an unknown org unit, a refused ladder."""

from __future__ import annotations

from typing import Any

import pytest

from tests.people.integration.graph import PeopleGraph

LOGIN = "mutation($i: LoginInput!) { login(input: $i) { accessToken } }"
CREATE = "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { orgUnit { id } } }"


async def first_error(
    graph: PeopleGraph,
    language: str,
    query: str,
    variables: dict[str, Any],
    token: str | None = None,
) -> dict[str, Any]:
    headers = {"accept-language": language}
    if token:
        headers["authorization"] = f"Bearer {token}"
    response = await graph.service.client.post(
        "/graphql", json={"query": query, "variables": variables}, headers=headers
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body.get("errors"), body
    assert body["data"] is None or not any(body["data"].values()), body
    error: dict[str, Any] = body["errors"][0]
    return error


async def test_a_wrong_password_is_unauthenticated_in_chinese_and_in_english(graph: PeopleGraph):
    area = await graph.area()
    await graph.person("Li Lang", "13800000011", unit=area.community)
    wrong = {"i": {"phone": "13800000011", "password": "not the password"}}

    zh = await first_error(graph, "zh-CN,zh;q=0.9,en;q=0.8", LOGIN, wrong)
    en = await first_error(graph, "en-US,en;q=0.9", LOGIN, wrong)

    assert zh["message"] == "手机号或密码错误"
    assert en["message"] == "the phone number or the password is wrong"
    assert zh["extensions"] == en["extensions"] == {"code": "UNAUTHENTICATED"}


async def test_an_unknown_org_unit_is_not_found_in_chinese_and_in_english(graph: PeopleGraph):
    missing = {"i": {"kind": "STREET", "name": "Nowhere Street", "parentId": "no-such-unit"}}

    zh = await first_error(graph, "zh-CN", CREATE, missing, graph.admin)
    en = await first_error(graph, "en", CREATE, missing, graph.admin)

    assert zh["message"] == "找不到 ID 为 no-such-unit 的单位"
    assert en["message"] == "no org unit with id no-such-unit"
    assert zh["extensions"] == en["extensions"]
    assert zh["extensions"]["code"] == "NOT_FOUND"
    assert await graph.count("org_units") == 0


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("zh-CN", "区下不能设区：下级单位的层级必须低于上级单位"),
        ("en", "a DISTRICT cannot contain a DISTRICT: a child's kind must rank below its parent's"),
    ],
)
async def test_the_kinds_a_refusal_names_read_in_its_language(
    graph: PeopleGraph, language: str, message: str
):
    district = await graph.unit("DISTRICT", "Wangcheng District")
    inner = {"i": {"kind": "DISTRICT", "name": "Inner", "parentId": district}}

    error = await first_error(graph, language, CREATE, inner, graph.admin)

    assert error["message"] == message
    assert error["extensions"] == {"code": "BAD_USER_INPUT", "field": "kind"}
    assert await graph.count("org_units") == 1
