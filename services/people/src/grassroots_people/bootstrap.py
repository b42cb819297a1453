"""Create the platform admin, or set the existing platform admin's password, then exit:

    python -m grassroots_people.bootstrap --phone 13900000000 --password '…'

Reads MONGODB_URL / MONGODB_DATABASE like the service. The password may come from the
BOOTSTRAP_ADMIN_PASSWORD variable instead of the command line, to keep it out of shell history.
A person who holds the phone without being the platform admin is not made one.
"""

from __future__ import annotations

import argparse
import asyncio
import os

from grassroots_kit.host import ServiceHost
from grassroots_kit.mongo import ensure_collections, ensure_indexes
from grassroots_kit.settings import load_settings

from grassroots_people.handlers.bootstrap import ensure_platform_admin
from grassroots_people.handlers.composition import Runtime
from grassroots_people.settings import PeopleSettings
from grassroots_people.storage import COLLECTIONS, INDEXES


async def _run(phone: str, password: str) -> str:
    settings = load_settings(PeopleSettings)
    host = ServiceHost(settings, collections=COLLECTIONS, indexes=INDEXES, run_relay=False)
    try:
        await ensure_collections(host.db, COLLECTIONS)
        await ensure_indexes(host.db, INDEXES)
        runtime = Runtime.create(host, settings)
        admin = await ensure_platform_admin(runtime.ports, phone, password, reset_password=True)
        return admin.person_id
    finally:
        await host.client.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ensure the Grassroots platform admin.")
    parser.add_argument("--phone", required=True)
    parser.add_argument("--password", default=os.environ.get("BOOTSTRAP_ADMIN_PASSWORD"))
    args = parser.parse_args(argv)
    if not args.password:
        parser.error("give --password or set BOOTSTRAP_ADMIN_PASSWORD")
    person_id = asyncio.run(_run(args.phone, args.password))
    print(f"platform admin ready: person {person_id}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
