"""Cases through the gateway with real people tokens; a page of cases costs people one call."""

from __future__ import annotations

from tests.cases.e2e_area import Area, make_area
from tests.support.stack import Stack

PAGE = """{ cases(first: 100) { totalCount edges { node {
  number reporter { name } assignee { name } orgUnit { name } } } } }"""
ASSIGN = """mutation($i: AssignCaseInput!) { assignCase(input: $i) { case { status } } }"""


def _people_operations(stack: Stack) -> int:
    log = stack.processes["people"][0].log.read_text(errors="replace")
    return sum(1 for line in log.splitlines() if '"graphql operation"' in line)


def _area(stack: Stack) -> Area:
    return make_area(f"{stack.gateway.url}/graphql")


async def test_a_page_of_cases_with_names_costs_one_entities_call_to_people(
    stack: Stack, stack_cleanup: None
):
    # given a dozen cases, half of them assigned to the grid member
    area = _area(stack)
    for i in range(12):
        case = area.report(f"Blocked drain number {i}")
        if i % 2:
            area.act(
                "gridder",
                ASSIGN,
                {"i": {"caseId": case["id"], "assigneeId": area.people["gridder"]}},
            )
    before = _people_operations(stack)

    # when community staff list them with reporter, assignee and org unit names
    body = area.call("staff", PAGE, {})

    # then the names are there, and people answered a single batched _entities request
    assert "errors" not in body, body
    nodes = [e["node"] for e in body["data"]["cases"]["edges"]]
    assert len(nodes) >= 12
    assert all(n["reporter"]["name"].startswith("resident") for n in nodes)
    assert sum(1 for n in nodes if n["assignee"]) == 6
    assert all(n["orgUnit"]["name"].startswith("E2E building") for n in nodes)
    assert _people_operations(stack) - before == 1


async def test_without_a_token_the_gateway_lists_no_cases(stack: Stack, stack_cleanup: None):
    area = _area(stack)
    area.report("Streetlight out")

    body = area.call(None, "{ cases(first: 5) { totalCount } }", {})

    assert body["data"]["cases"]["totalCount"] == 0
