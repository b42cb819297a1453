"""What the gateway sends a subgraph: the client's token and address, under a signature the kit
verifies (gateway/src/subgraph-signature.ts, grassroots_kit.gateway_signature). The subgraph here
is a recorder standing in for people."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from grassroots_kit.gateway_signature import sign

from tests.gateway.conftest import SIGNING_SECRET, Gateway, start_gateway
from tests.support.stack import Stack
from tests.support.tokens import TokenMint

QUERY = '{ orgUnit(id: "no-such-unit") { id name } }'


class Recorder:
    """A subgraph that answers `orgUnit: null` and keeps each request's headers and body."""

    def __init__(self) -> None:
        self.requests: list[tuple[dict[str, str], bytes]] = []
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("content-length", "0")))
                headers = {name.lower(): value for name, value in self.headers.items()}
                recorder.requests.append((headers, body))
                answer = json.dumps({"data": {"orgUnit": None}}).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._httpd.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/graphql"

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


@pytest.fixture(scope="module")
def recorder() -> Iterator[Recorder]:
    server = Recorder()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture(scope="module")
def signing_gateway(stack: Stack, recorder: Recorder) -> Gateway:
    return Gateway(
        start_gateway(
            stack,
            "gateway-signing",
            {"PEOPLE_URL": recorder.url, "SUBGRAPH_SIGNING_SECRET": SIGNING_SECRET},
        )
    )


def test_the_gateway_signs_the_token_the_client_address_and_the_body(
    signing_gateway: Gateway, recorder: Recorder, mint: TokenMint
) -> None:
    from tests.gateway.test_edge_auth import signed

    token = signed(mint)
    recorder.requests.clear()

    body = signing_gateway.query(
        QUERY,
        token=token,
        client_ip="198.51.100.23",
        headers={"x-client-address": "6.6.6.6", "x-gateway-signature": "v1=forged"},
    )

    assert body == {"data": {"orgUnit": None}}
    [(headers, sent)] = recorder.requests
    # the address the gateway resolved (the test client is a trusted proxy), not the client's claim
    assert headers["x-client-address"] == "198.51.100.23"
    assert headers["authorization"] == f"Bearer {token}"
    expected = sign(
        SIGNING_SECRET.encode(),
        headers["x-gateway-timestamp"],
        headers["authorization"],
        headers["x-client-address"],
        sent,
    )
    assert headers["x-gateway-signature"] == expected


def test_an_anonymous_request_is_signed_without_a_token(
    signing_gateway: Gateway, recorder: Recorder
) -> None:
    recorder.requests.clear()

    body = signing_gateway.query(QUERY, client_ip="198.51.100.24")

    assert body == {"data": {"orgUnit": None}}
    [(headers, sent)] = recorder.requests
    assert "authorization" not in headers
    assert headers["x-gateway-signature"] == sign(
        SIGNING_SECRET.encode(), headers["x-gateway-timestamp"], "", "198.51.100.24", sent
    )
