"""Which address a login is counted against (grassroots_kit.gateway_signature)."""

from __future__ import annotations

from grassroots_kit.gateway_signature import client_address
from starlette.requests import Request


def request(headers: dict[str, str], peer: tuple[str, int] | None = ("10.0.0.5", 50000)) -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    return Request({"type": "http", "method": "POST", "headers": raw, "client": peer})


def test_the_gateways_header_names_the_client():
    assert client_address(request({"x-client-address": " 203.0.113.7 "})) == "203.0.113.7"


def test_without_the_header_the_socket_peer_is_the_client():
    assert client_address(request({})) == "10.0.0.5"
    assert client_address(request({"x-client-address": "  "})) == "10.0.0.5"
    assert client_address(request({}, peer=None)) == "unknown"


def test_an_overlong_header_is_cut():
    assert client_address(request({"x-client-address": "9" * 500})) == "9" * 64
