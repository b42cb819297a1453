"""A resident tries to read a neighbour's case: through duplicate hints, by id, through
`_entities` on the cases port, and through every list that returns cases."""

from __future__ import annotations

import json
import uuid

from tests.abuse._attacker import Attacker
from tests.abuse._cases import (
    NORTH_GATE,
    SHI_KAI,
    ZHAO_MIN,
    person_id,
    report,
    unit_id,
)

ENTITIES = """query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Case { id description reporter { id } timeline { note } }
  ... on Person { reportedCases(first: 100) { totalCount edges { node { id description } } } }
} }"""


async def _victims_case(attacker: Attacker) -> tuple[dict[str, str], str]:
    """Zhao Min reports a broken streetlight with private details; her case and its secret."""
    victim = attacker.token(ZHAO_MIN)
    secret = f"I live in flat 3-201, call me after 9pm ({uuid.uuid4().hex[:8]})"
    reported = await report(
        attacker,
        victim,
        title="Broken streetlight beside the north gate",
        description=secret,
        category="INFRASTRUCTURE",
        orgUnitId=await unit_id(attacker, victim, NORTH_GATE),
    )
    return reported["case"], secret


async def test_resident_cannot_read_a_neighbours_case_through_duplicate_hints(attacker: Attacker):
    # given a neighbour's open case with private details
    case, secret = await _victims_case(attacker)
    resident = attacker.token(SHI_KAI)
    # when a resident reports a similar case at the same place
    result = await report(
        attacker,
        resident,
        title="Broken streetlight beside north gate",
        category="INFRASTRUCTURE",
        orgUnitId=await unit_id(attacker, resident, NORTH_GATE),
    )
    # then no duplicate they may not read comes back in full: no description, no reporter
    assert secret not in json.dumps(result)
    assert case["id"] not in [d["id"] for d in result["possibleDuplicates"]]
    me = person_id(resident)
    assert all(d["reporter"] == {"id": me} for d in result["possibleDuplicates"])
    # and a hint carries public facts only (the schema holds no more than these)
    for hint in result["duplicateHints"]:
        assert set(hint) == {"number", "title", "category", "status"}


async def test_resident_cannot_read_a_neighbours_case_by_id(attacker: Attacker):
    case, secret = await _victims_case(attacker)
    resident = attacker.token(SHI_KAI)

    by_id = await attacker.graphql(
        "query($id: ID!) { case(id: $id) { id description reporter { id } } }",
        {"id": case["id"]},
        token=resident,
    )
    by_number = await attacker.graphql(
        "query($n: String!) { caseByNumber(number: $n) { id description } }",
        {"n": case["number"]},
        token=resident,
    )

    assert by_id["data"] == {"case": None}
    assert by_number["data"] == {"caseByNumber": None}
    assert secret not in json.dumps([by_id, by_number])


async def test_resident_cannot_read_a_neighbours_case_through_entities_on_the_cases_port(
    attacker: Attacker,
):
    case, secret = await _victims_case(attacker)
    resident = attacker.token(SHI_KAI)
    victim = person_id(attacker.token(ZHAO_MIN))

    body = await attacker.graphql(
        ENTITIES,
        {"r": [{"__typename": "Case", "id": case["id"]}, {"__typename": "Person", "id": victim}]},
        token=resident,
        url=attacker.subgraph_url("cases"),
    )

    assert body["data"]["_entities"][0] is None
    assert body["data"]["_entities"][1]["reportedCases"]["totalCount"] == 0
    assert secret not in json.dumps(body)


async def test_resident_cannot_read_a_neighbours_case_through_lists(attacker: Attacker):
    case, secret = await _victims_case(attacker)
    resident = attacker.token(SHI_KAI)
    gate = await unit_id(attacker, resident, NORTH_GATE)
    victim = person_id(attacker.token(ZHAO_MIN))
    lists = """query($unit: ID!, $victim: ID!) {
      cases(filter: {orgUnitId: $unit}, first: 100) { edges { node { id description } } }
      orgUnit(id: $unit) { cases(first: 100) { edges { node { id description } } } }
      person(id: $victim) { reportedCases(first: 100) { totalCount edges { node { id } } } }
    }"""

    body = await attacker.graphql(lists, {"unit": gate, "victim": victim}, token=resident)

    assert "errors" not in body, body
    assert case["id"] not in json.dumps(body)
    assert secret not in json.dumps(body)
    assert body["data"]["person"]["reportedCases"]["totalCount"] == 0
