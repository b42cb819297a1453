"""Logging the demo loader in: first as the platform admin people bootstraps, which creates the
districts and everything else through the public graph like any administrator would."""

from __future__ import annotations

import os

from scripts.demo.context import DemoContext

# The same defaults the people service bootstraps in development (grassroots_people.settings);
# a deployment that sets BOOTSTRAP_ADMIN_PHONE/PASSWORD for people passes them here too.
DEV_PHONE = "10000000000"
DEV_PASSWORD = "grassroots-bootstrap"

LOGIN = """mutation($input: LoginInput!) { login(input: $input) { accessToken personId } }"""


def login(ctx: DemoContext, phone: str, password: str) -> str:
    data = ctx.client.execute(LOGIN, {"input": {"phone": phone, "password": password}})
    return str(data["login"]["accessToken"])


def ensure_admin_token(ctx: DemoContext) -> None:
    """Log the client in as the bootstrap platform admin unless it already has a token."""
    if ctx.client.token:
        return
    phone = os.environ.get("BOOTSTRAP_ADMIN_PHONE") or DEV_PHONE
    password = os.environ.get("BOOTSTRAP_ADMIN_PASSWORD") or DEV_PASSWORD
    ctx.client.token = login(ctx, phone, password)
