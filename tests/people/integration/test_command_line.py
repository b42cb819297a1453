"""The operator commands: bootstrap the platform admin, rotate the signing key."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from tests.people.integration.graph import PeopleGraph


def run(module: str, *args: str, mongo_url: str, database: str, **env: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", module, *args],
        env={**os.environ, "MONGODB_URL": mongo_url, "MONGODB_DATABASE": database, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


async def test_the_bootstrap_command_creates_a_platform_admin_who_can_log_in(
    graph: PeopleGraph, mongo_url: str
):
    database = graph.service.host.settings.mongodb_database

    out = await asyncio.to_thread(
        run, "grassroots_people.bootstrap", "--phone", "13900000000",
        mongo_url=mongo_url, database=database, BOOTSTRAP_ADMIN_PASSWORD="first admin!",
    )  # fmt: skip
    tokens = await graph.login("13900000000", "first admin!")

    assert out.startswith("platform admin ready: person ")
    assert tokens["personId"] in out


async def test_the_keys_command_rotates_the_signing_key(graph: PeopleGraph, mongo_url: str):
    database = graph.service.host.settings.mongodb_database

    out = await asyncio.to_thread(
        run, "grassroots_people.keys", "rotate", mongo_url=mongo_url, database=database
    )

    new_kid = out.splitlines()[0].removeprefix("new signing key ")
    keys = [d async for d in graph.service.host.db["signing_keys"].find({})]
    assert {d["_id"] for d in keys if d["active"]} == {new_kid}
    assert len(keys) == 2
    assert out.count("published") == 2
