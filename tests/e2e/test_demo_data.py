"""The demo loader fills the stack through the gateway, and a second run changes nothing."""

from __future__ import annotations

import asyncio

import httpx

from tests.static.test_doc_examples import curl_bodies
from tests.support.demo import run_loader
from tests.support.stack import ROOT, Stack, post_graphql

TAOHUAJING = """{ orgUnits(filter: {name: "Taohuajing Community"}) {
  edges { node { name kind ancestors { name } children { totalCount } cases { totalCount } } } } }"""


async def test_the_demo_area_loads_once_and_reloading_is_a_no_op(stack: Stack, stack_cleanup: None):
    first = await asyncio.to_thread(run_loader, stack)
    second = await asyncio.to_thread(run_loader, stack)

    assert "110 org units (110 created now)" in first
    assert "110 org units (0 created now)" in second
    body = post_graphql(f"{stack.gateway.url}/graphql", TAOHUAJING)
    community = body["data"]["orgUnits"]["edges"][0]["node"]
    assert community["ancestors"] == [
        {"name": "Wangcheng District"},
        {"name": "Gaotangling Street"},
    ]
    assert community["children"]["totalCount"] == 2
    # Anonymous callers see no case; the community's secretary sees its demo cases.
    assert community["cases"] == {"totalCount": 0}
    login = post_graphql(
        f"{stack.gateway.url}/graphql",
        'mutation { login(input: {phone: "13800000011", password: "grassroots-demo"}) '
        "{ accessToken } }",
    )
    token = login["data"]["login"]["accessToken"]
    staff = post_graphql(f"{stack.gateway.url}/graphql", TAOHUAJING, token=token)
    assert staff["data"]["orgUnits"]["edges"][0]["node"]["cases"]["totalCount"] > 0
    # The README's examples, sent as they are written there.
    async with httpx.AsyncClient(timeout=30) as client:
        for example in curl_bodies(ROOT / "README.md"):
            response = await client.post(
                f"{stack.gateway.url}/graphql",
                content=example,
                headers={"content-type": "application/json"},
            )
            answer = response.json()
            assert response.status_code == 200, answer
            assert "errors" not in answer, answer
