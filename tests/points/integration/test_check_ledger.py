"""The ledger check recomputes every account from its entries and reports drift."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys

from grassroots_points.adapters.ledger_check import check_ledger

from tests.points.helpers import REDEEM, Points, given_a_reward, given_points, given_the_ladder, uid


async def test_the_check_finds_no_drift_then_reports_a_tampered_balance(
    points: Points, mongo_url: str
):
    await given_the_ladder(points)
    reward = await given_a_reward(points, cost=10, stock=3)
    people = [uid("p-") for _ in range(3)]
    for person in people:
        await given_points(points, person, 25)
        await points.ok(REDEEM, {"input": {"rewardId": reward}}, as_person=person)

    clean = await check_ledger(points.db)
    assert clean.clean
    assert (clean.accounts, clean.entries) == (3, 6)

    # when someone edits a balance behind the ledger's back
    await points.db["accounts"].update_one({"_id": people[0]}, {"$inc": {"balance": 100}})

    report = await check_ledger(points.db)
    assert not report.clean
    assert [d.person_id for d in report.drifts] == [people[0]]

    # and the command says so with a non-zero exit
    env = {**os.environ, "MONGODB_URL": mongo_url, "MONGODB_DATABASE": points.db.name}
    result = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "grassroots_points.check_ledger"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "DRIFT FOUND" in result.stdout
    assert f"{people[0]}: balance 115 but entries sum to 15" in result.stdout
