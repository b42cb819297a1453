"""Logging in to people as the bootstrap admin, for tests that need a token."""

from __future__ import annotations

from typing import Any

from tests.support.stack import post_graphql

# The platform admin people creates at first start. No deployment has a fixed password; the
# tests give people this one (BOOTSTRAP_ADMIN_PASSWORD) in tests/support/apps.py and stack.py.
ADMIN_PHONE = "10000000000"
ADMIN_PASSWORD = "grassroots-bootstrap"
LOGIN = """mutation($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }"""


def login_variables(phone: str = ADMIN_PHONE, password: str = ADMIN_PASSWORD) -> dict[str, Any]:
    return {"input": {"phone": phone, "password": password}}


def admin_token(graphql_url: str) -> str:
    """An access token of the bootstrap admin, through any graph that has `login`."""
    body = post_graphql(graphql_url, LOGIN, login_variables())
    assert "errors" not in body, body
    return str(body["data"]["login"]["accessToken"])


async def admin_token_of(service: Any) -> str:
    """The same, against a `RunningService` in the test process."""
    body = await service.graphql(LOGIN, login_variables())
    assert "errors" not in body, body
    return str(body["data"]["login"]["accessToken"])
