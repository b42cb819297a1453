"""Verify that every stored balance equals the sum of its ledger entries.

    python -m grassroots_points.check_ledger      (reads MONGODB_URL and MONGODB_DATABASE)

Exit codes: 0 no drift, 1 drift or a negative balance or stock (each listed), 2 cannot run.
"""

from __future__ import annotations

import asyncio
import sys

from grassroots_kit.mongo import create_client
from grassroots_kit.settings import load_settings

from grassroots_points.adapters.ledger_check import LedgerReport, check_ledger
from grassroots_points.settings import PointsSettings

EXIT_DRIFT = 1
EXIT_FAILED = 2


def render(report: LedgerReport) -> str:
    lines = [
        f"checked {report.accounts} accounts and {report.entries} ledger entries: "
        + ("no drift" if report.clean else "DRIFT FOUND")
    ]
    lines += [f"  drift: {d.describe()}" for d in report.drifts]
    lines += [f"  negative balance: {p}" for p in report.negative_balances]
    lines += [f"  negative stock: reward {r}" for r in report.negative_stock]
    return "\n".join(lines)


async def run(settings: PointsSettings) -> LedgerReport:
    client = create_client(settings.mongodb_url, app_name="points-check-ledger")
    try:
        return await check_ledger(client[settings.mongodb_database])
    finally:
        await client.close()


def main() -> int:
    settings = load_settings(PointsSettings)
    try:
        report = asyncio.run(run(settings))
    except Exception as exc:
        print(f"check_ledger: cannot check: {type(exc).__name__}: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(render(report))
    return 0 if report.clean else EXIT_DRIFT


if __name__ == "__main__":
    raise SystemExit(main())
