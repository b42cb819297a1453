"""A commenter floods a case with comments to grow its document toward MongoDB's 16 MB wall."""

from __future__ import annotations

import uuid

import bson

from tests.abuse._attacker import Attacker, error_codes
from tests.abuse._cases import NORTH_GATE, SHI_KAI, report, unit_id

MAX_COMMENTS = 100  # services/cases domain/workflow.py
PER_REQUEST = 15  # the gateway's alias limit


def _flood(count: int) -> str:
    fields = " ".join(
        f"c{n}: commentOnCase(input: {{caseId: $id, text: $text}}) {{ case {{ version }} }}"
        for n in range(count)
    )
    return f"mutation($id: ID!, $text: String!) {{ {fields} }}"


async def test_commenter_cannot_grow_a_case_document_without_bound(attacker: Attacker):
    # given a resident's own case
    resident = attacker.token(SHI_KAI)
    reported = await report(
        attacker,
        resident,
        title=f"Loose paving stone {uuid.uuid4().hex[:6]}",
        category="INFRASTRUCTURE",
        orgUnitId=await unit_id(attacker, resident, NORTH_GATE),
    )
    case_id = reported["case"]["id"]
    text = "long comment " * 150  # ~2,000 characters, the most one comment may hold
    # when they comment far past the bound
    codes: set[str] = set()
    for _ in range(MAX_COMMENTS // PER_REQUEST + 2):
        body = await attacker.graphql(
            _flood(PER_REQUEST), {"id": case_id, "text": text[:2000]}, token=resident
        )
        codes |= error_codes(body)
    stored = await attacker.db("cases")["cases"].find_one({"_id": case_id})
    assert stored is not None
    version = stored["version"]
    # then the comment over the bound is a CONFLICT and writes nothing
    extra = await attacker.graphql(_flood(1), {"id": case_id, "text": "one more"}, token=resident)
    assert "CONFLICT" in error_codes(extra), extra
    assert "CONFLICT" in codes
    after = await attacker.db("cases")["cases"].find_one({"_id": case_id})
    assert after is not None
    assert after["version"] == version
    comments = [e for e in after["timeline"] if e["action"] == "COMMENTED"]
    assert len(comments) == MAX_COMMENTS
    assert len(bson.encode(after)) < 1_000_000
