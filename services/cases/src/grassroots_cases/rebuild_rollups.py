"""Recount the statistics rollups from the cases: `python -m grassroots_cases.rebuild_rollups`.

Reads the same environment as the service (MONGODB_URL, MONGODB_DATABASE,
BUSINESS_TIME_ZONE: the days and months are cut in it, and the rollups record it). Idempotent; exact
when no case changes meanwhile (run it with the service scaled to zero, or at a quiet hour).
"""

from __future__ import annotations

import asyncio

from grassroots_kit.mongo import create_client

from grassroots_cases.adapters import rollups
from grassroots_cases.settings import CasesSettings


async def main() -> None:
    settings = CasesSettings()
    client = create_client(settings.mongodb_url, app_name="grassroots-cases-rebuild-rollups")
    try:
        counted = await rollups.rebuild(client[settings.mongodb_database], settings.business_zone)
    finally:
        await client.close()
    print(f"rebuilt the statistics rollups from {counted} cases")


if __name__ == "__main__":
    asyncio.run(main())
