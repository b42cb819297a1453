"""Anyone crafts a list cursor carrying a MongoDB operator: refused, nothing leaked."""

from __future__ import annotations

import base64
import json

import pytest

from tests.abuse._attacker import Attacker, refused
from tests.abuse._cases import SHI_KAI


def _forged(key: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(key).encode()).decode().rstrip("=")


# `{"$gt": ""}` where the sort value goes matches every document after any id
OPERATOR = _forged([{"$gt": ""}, ""])
LISTS = {
    "people": "query($a: String) { people(first: 5, after: $a) { edges { node { id name } } } }",
    "orgUnits": "query($a: String) { orgUnits(first: 5, after: $a) { edges { node { id } } } }",
    "cases": "query($a: String) { cases(first: 5, after: $a) { edges { node { id } } } }",
}


@pytest.mark.parametrize("name", ["people", "orgUnits", "cases"])
async def test_anyone_crafting_a_cursor_with_a_mongo_operator_is_refused(
    attacker: Attacker, name: str
):
    token = attacker.token(SHI_KAI)

    body = await attacker.graphql(
        LISTS[name], {"a": OPERATOR}, token=token, headers={"accept-language": "en"}
    )

    assert refused(body, "BAD_USER_INPUT"), body
    assert "invalid cursor" in body["errors"][0]["message"]
    assert body.get("data") is None or body["data"].get(name) is None
