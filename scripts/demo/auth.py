"""Logging the demo loader in: first as the platform admin people bootstraps, which creates the
districts and everything else through the public graph like any administrator would."""

from __future__ import annotations

import os
from pathlib import Path

from scripts.demo.context import DemoContext

# people's default admin phone (grassroots_people.settings); the password is never fixed: it is
# BOOTSTRAP_ADMIN_PASSWORD as given to people, or the one `make up` keeps in .local/.
DEFAULT_PHONE = "10000000000"
LOCAL_PASSWORD = Path(__file__).resolve().parents[2] / ".local" / "admin-password"

LOGIN = """mutation($input: LoginInput!) { login(input: $input) { accessToken personId } }"""


def login(ctx: DemoContext, phone: str, password: str) -> str:
    data = ctx.client.execute(LOGIN, {"input": {"phone": phone, "password": password}})
    return str(data["login"]["accessToken"])


def ensure_admin_token(ctx: DemoContext) -> None:
    """Log the client in as the bootstrap platform admin unless it already has a token."""
    if ctx.client.token:
        return
    phone = os.environ.get("BOOTSTRAP_ADMIN_PHONE") or DEFAULT_PHONE
    ctx.client.token = login(ctx, phone, admin_password())


def admin_password() -> str:
    given = os.environ.get("BOOTSTRAP_ADMIN_PASSWORD")
    if given:
        return given
    if LOCAL_PASSWORD.exists():
        return LOCAL_PASSWORD.read_text().strip()
    raise SystemExit(
        "demo data: set BOOTSTRAP_ADMIN_PASSWORD to the platform admin's password (people "
        "writes a generated one to its log at first start; `make up` keeps it in "
        ".local/admin-password)"
    )
