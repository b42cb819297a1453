"""One request id from the client to every subgraph's log; CORS as configured."""

from __future__ import annotations

import json
import time

import httpx

from tests.gateway.conftest import Gateway
from tests.support.stack import SERVICES, Stack

SPANNING = """query($id: ID!) {
  orgUnit(id: $id) { id }
  case(id: $id) { id }
  pointsAccount(personId: $id) { balance }
  meeting(id: $id) { id }
  unreadNoticeCount
}"""


def logged_request_ids(stack: Stack, service: str) -> set[str]:
    ids = set()
    for line in stack.processes[service][0].log.read_text(errors="replace").splitlines():
        if line.startswith("{"):
            value = json.loads(line).get("requestId")
            if isinstance(value, str):
                ids.add(value)
    return ids


def test_the_clients_request_id_reaches_every_subgraphs_log(
    gateway: Gateway, stack: Stack, admin_token: str
) -> None:
    response = gateway.post(
        {"query": SPANNING, "variables": {"id": "nothing"}},
        token=admin_token,
        headers={"x-request-id": "trace-all-three-1"},
    )

    assert response.headers["x-request-id"] == "trace-all-three-1"
    deadline = time.monotonic() + 10
    missing = set(SERVICES)
    while missing and time.monotonic() < deadline:
        missing = {s for s in missing if "trace-all-three-1" not in logged_request_ids(stack, s)}
        time.sleep(0.2)
    assert not missing, f"no log line with the request id in {sorted(missing)}"


def test_development_allows_any_browser_origin(gateway: Gateway) -> None:
    preflight = httpx.options(
        gateway.url,
        headers={
            "origin": "http://localhost:5173",
            "access-control-request-method": "POST",
            "access-control-request-headers": "authorization, content-type",
        },
        timeout=10,
    )

    assert preflight.status_code in (200, 204)
    assert preflight.headers["access-control-allow-origin"] in ("*", "http://localhost:5173")
    assert "authorization" in preflight.headers["access-control-allow-headers"].lower()


def test_production_allows_no_origin_it_was_not_told(production_gateway: Gateway) -> None:
    preflight = httpx.options(
        production_gateway.url,
        headers={"origin": "https://evil.example", "access-control-request-method": "POST"},
        timeout=10,
    )

    assert preflight.headers.get("access-control-allow-origin") in (None, "null", "")
