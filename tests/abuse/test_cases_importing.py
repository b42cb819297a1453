"""A district admin tries to mint points through `importCases`: an imported history naming
the importer (or anyone) as handler must not award anybody."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from tests.abuse._attacker import Attacker
from tests.abuse._cases import CHEN_HUA, NORTH_GATE, eventually, person_id, unit_id

IMPORT = """mutation($i: ImportCasesInput!) { importCases(input: $i) { imported skipped } }"""
CLOSE = """mutation($i: CloseCaseInput!) { closeCase(input: $i) { case { status } } }"""


def _history(ref: str, unit: str, handler: str, *, closed: bool) -> dict[str, Any]:
    reported = datetime.now(UTC) - timedelta(days=3)
    item: dict[str, Any] = {
        "ref": ref,
        "title": "Streetlight repaired at the north gate",
        "category": "INFRASTRUCTURE",
        "orgUnitId": unit,
        "reportedAt": reported.isoformat(),
        "handlerId": handler,
        "handlerRole": "GRID_MEMBER",
        "respondedAt": (reported + timedelta(hours=1)).isoformat(),
        "resolvedAt": (reported + timedelta(hours=2)).isoformat(),
        "resolution": "Replaced the bulb",
    }
    if closed:
        item["closedAt"] = (reported + timedelta(hours=3)).isoformat()
    return item


async def _points_processed_closing(attacker: Attacker, case_id: str) -> None:
    """Wait until points has consumed the case's `case.closed`."""
    outbox = attacker.db("cases")["outbox"]

    async def published() -> bool:
        async for doc in outbox.find({"type": "case.closed"}):
            if json.loads(str(doc["body"]))["subject"] == case_id:
                event_id = str(doc["_id"])
                processed = attacker.db("points")["processed_events"]
                return await processed.count_documents({"_id": {"$regex": f":{event_id}$"}}) > 0
        return False

    await eventually(published, timeout=60)


async def _imported_case_id(attacker: Attacker, ref: str) -> str:
    doc = await attacker.db("cases")["cases"].find_one({"importRef": ref})
    assert doc is not None
    return str(doc["_id"])


async def test_importer_cannot_credit_themselves_through_an_imported_closing(attacker: Attacker):
    # given a district admin importing a closed case that names them as its handler
    admin = attacker.token(CHEN_HUA)
    me = person_id(admin)
    ref = f"self-credit-{uuid.uuid4().hex[:8]}"
    unit = await unit_id(attacker, admin, NORTH_GATE)
    ledger = attacker.db("points")["ledger"]
    before = await ledger.count_documents({"personId": me})

    body = await attacker.graphql(
        IMPORT, {"i": {"cases": [_history(ref, unit, me, closed=True)]}}, token=admin
    )

    assert body["data"]["importCases"] == {"imported": 1, "skipped": 0}, body
    case_id = await _imported_case_id(attacker, ref)
    await _points_processed_closing(attacker, case_id)
    # then points wrote no ledger entry for it, for anyone
    assert await ledger.count_documents({"caseId": case_id}) == 0
    assert await ledger.count_documents({"personId": me}) == before


async def test_importer_cannot_credit_an_accomplice_by_closing_an_imported_case_live(
    attacker: Attacker,
):
    # given an imported RESOLVED case naming someone (here the importer) as its handler
    admin = attacker.token(CHEN_HUA)
    me = person_id(admin)
    ref = f"live-close-{uuid.uuid4().hex[:8]}"
    unit = await unit_id(attacker, admin, NORTH_GATE)
    body = await attacker.graphql(
        IMPORT, {"i": {"cases": [_history(ref, unit, me, closed=False)]}}, token=admin
    )
    assert body["data"]["importCases"] == {"imported": 1, "skipped": 0}, body
    case_id = await _imported_case_id(attacker, ref)

    # when the importer closes it live
    closed = await attacker.graphql(CLOSE, {"i": {"caseId": case_id}}, token=admin)

    assert closed["data"]["closeCase"]["case"]["status"] == "CLOSED", closed
    await _points_processed_closing(attacker, case_id)
    # then the closing awards nobody
    assert await attacker.db("points")["ledger"].count_documents({"caseId": case_id}) == 0
