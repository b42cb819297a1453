"""Care coverage (issue 18): households by care level and how many are visited on schedule are
for staff over the unit. A resident, an anonymous caller, a resident chief, department staff and
another district's admin each get a refusal and no figure; nothing is written."""

from __future__ import annotations

from typing import Any

import pytest

from tests.abuse._attacker import Attacker, error_codes
from tests.abuse._cases import CHEN_HUA, SHI_KAI
from tests.abuse._privacy import snapshot, unit_by_name

pytestmark = pytest.mark.e2e

ZHAO_GANG = "13800000020"  # building chief in Yichun Road Community (Shibei)
PENG_TAO = "13800000023"  # department staff, Sewage Management Office (Wangcheng)
ZHOU_MIN = "13800000014"  # community staff, Taohuajing Community

COVERAGE = """query($u: ID!) { careCoverage(orgUnitId: $u) {
  asOf unit { households withoutCareLevel levels { careLevel households onSchedule overdue } }
  children { orgUnitId households levels { careLevel households onSchedule } } } }"""


def _no_figures(body: dict[str, Any]) -> bool:
    return (body.get("data") or {}).get("careCoverage") is None


async def _refused(attacker: Attacker, unit: str, token: str | None, codes: set[str]) -> None:
    target = await unit_by_name(attacker, unit)
    before = await snapshot(attacker)

    body = await attacker.graphql(COVERAGE, {"u": target["_id"]}, token=token)

    assert _no_figures(body), body
    assert error_codes(body) & codes, body
    assert await snapshot(attacker) == before


async def test_resident_cannot_read_their_communitys_care_coverage(attacker: Attacker) -> None:
    await _refused(attacker, "桃花井社区", attacker.token(SHI_KAI), {"FORBIDDEN"})


async def test_anonymous_caller_gets_no_care_coverage(attacker: Attacker) -> None:
    await _refused(attacker, "望城区", None, {"UNAUTHENTICATED", "FORBIDDEN"})


async def test_resident_chief_of_another_district_gets_no_care_coverage(attacker: Attacker):
    await _refused(attacker, "桃花井社区", attacker.token(ZHAO_GANG), {"FORBIDDEN"})


async def test_department_staff_get_no_care_coverage(attacker: Attacker) -> None:
    await _refused(attacker, "望城区", attacker.token(PENG_TAO), {"FORBIDDEN"})


async def test_community_staff_cannot_read_the_district_above_them(attacker: Attacker) -> None:
    await _refused(attacker, "望城区", attacker.token(ZHOU_MIN), {"FORBIDDEN"})


async def test_district_admin_reads_only_their_own_districts_care_coverage(attacker: Attacker):
    # Chen Hua administers Wangcheng; Shibei is another city's district.
    mine = await unit_by_name(attacker, "望城区")
    token = attacker.token(CHEN_HUA)

    own = await attacker.graphql(COVERAGE, {"u": mine["_id"]}, token=token)
    await _refused(attacker, "市北区", token, {"FORBIDDEN"})

    assert "errors" not in own, own
    unit = own["data"]["careCoverage"]["unit"]
    assert unit["households"] > 0
    assert unit["households"] == unit["withoutCareLevel"] + sum(
        level["households"] for level in unit["levels"]
    )
