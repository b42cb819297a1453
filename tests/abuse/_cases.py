"""Helpers of the cases abuse tests (tests/abuse/test_cases_*.py): the demo's cast and places."""

from __future__ import annotations

import asyncio
import base64
import json
from typing import Any

from tests.abuse._attacker import Attacker

# The one demo cast (docs/people.md#demo-logins), all with the README's password.
ZHAO_MIN = "13900000106"  # resident of 桃花井北门1栋 (Taohuajing's north gate)
SHI_KAI = "13800000022"  # resident of 桃花井社区 第三邻 (Taohuajing neighborhood 3)
CHEN_HUA = "13800000001"  # district admin of 望城区 (Wangcheng)
NORTH_GATE = "桃花井北门1栋"

REPORT = """mutation($input: ReportCaseInput!) { reportCase(input: $input) {
  case { id number }
  possibleDuplicates { id number description address reporter { id } timeline { note } }
  duplicateHints { number title category status }
} }"""


def person_id(token: str) -> str:
    """The `sub` of an access token (read, not verified: the token is the test's own)."""
    payload = token.split(".")[1]
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    return str(claims["sub"])


async def unit_id(attacker: Attacker, token: str, name: str) -> str:
    query = "query($f: OrgUnitFilter) { orgUnits(filter: $f, first: 1) { edges { node { id } } } }"
    body = await attacker.graphql(query, {"f": {"name": name}}, token=token)
    return str(body["data"]["orgUnits"]["edges"][0]["node"]["id"])


async def report(attacker: Attacker, token: str, **fields: Any) -> dict[str, Any]:
    body = await attacker.graphql(REPORT, {"input": fields}, token=token)
    assert "errors" not in body, body
    result: dict[str, Any] = body["data"]["reportCase"]
    return result


async def eventually(check: Any, timeout: float = 30.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not await check():
        assert asyncio.get_running_loop().time() < deadline, "timed out"
        await asyncio.sleep(0.2)
