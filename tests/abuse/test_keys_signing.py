"""Signing keys: a backup reader finds no private key, and a retired key stops vouching.

The retired-key case inserts a key the way a rotation leaves one behind (retired, published
through its grace), signs a token with it as someone holding the leaked key would, and moves
the retirement into the past: every subgraph must refuse the token once the grace is over.
"""

from __future__ import annotations

import asyncio
import base64
import os
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from grassroots_kit.auth import AUDIENCE, ISSUER
from jwt.algorithms import RSAAlgorithm

from tests.abuse._attacker import Attacker, refused

ACCESS_MINUTES, GRACE_MINUTES = 15, 5  # the stack's defaults: published 20 min after retiring
QUERIES = {
    "people": "{ me { id } }",
    "cases": "{ cases(first: 1) { totalCount } }",
    "points": "query($id: ID!) { pointsAccount(personId: $id) { balance } }",
}
SHI_KAI = "13800000022"


async def test_backup_reader_finds_no_usable_private_key_in_the_signing_keys(attacker: Attacker):
    docs = [d async for d in attacker.db("people")["signing_keys"].find({})]

    assert docs
    for doc in docs:
        text = repr(doc)
        assert "privatePem" not in doc
        assert "PRIVATE KEY" not in text
        sealed = doc["sealedPrivateKey"]
        raw = base64.urlsafe_b64decode(sealed["ciphertext"])
        assert b"PRIVATE KEY" not in raw
        try:
            serialization.load_der_private_key(raw, password=None)
        except ValueError:
            pass
        else:
            raise AssertionError("the stored ciphertext is a usable private key")


def _leaked_key() -> tuple[rsa.RSAPrivateKey, str, dict[str, Any]]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    kid = f"retired-{os.urandom(6).hex()}"
    jwk: dict[str, Any] = RSAAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return key, kid, {**jwk, "kid": kid, "use": "sig", "alg": "RS256"}


async def _answers(attacker: Attacker, token: str, person: str) -> dict[str, dict[str, Any]]:
    return {
        service: await attacker.graphql(
            query, {"id": person} if "$id" in query else {}, token=token,
            url=attacker.subgraph_url(service),
        )
        for service, query in QUERIES.items()
    }  # fmt: skip


async def _until(check: Any, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if await check():
            return True
        await asyncio.sleep(1)
    return False


async def test_holder_of_a_retired_signing_key_is_refused_once_its_grace_is_over(
    attacker: Attacker,
):
    people = attacker.db("people")
    person = await people["persons"].find_one({"phone": SHI_KAI})
    assert person is not None
    key, kid, public = _leaked_key()
    now = datetime.now(UTC)
    await people["signing_keys"].insert_one(
        {
            "_id": kid,
            "publicJwk": public,
            # Never opened: a retired key only verifies. Not a real sealing of `key`.
            "sealedPrivateKey": {"alg": "A256GCM", "nonce": "", "ciphertext": ""},
            "active": False,
            "createdAt": now - timedelta(days=1),
            "retiredAt": now - timedelta(minutes=ACCESS_MINUTES + GRACE_MINUTES - 4),
        }
    )
    issued = int(time.time())
    claims = {
        "iss": ISSUER, "aud": AUDIENCE, "sub": person["_id"], "typ": "access",
        "iat": issued, "exp": issued + 15 * 60, "roles": [],
    }  # fmt: skip
    token = jwt.encode(claims, key, algorithm="RS256", headers={"kid": kid})

    async def all_accept() -> bool:
        answers = await _answers(attacker, token, str(person["_id"]))
        return all("errors" not in body for body in answers.values())

    # given the key, still in its grace, is published and every subgraph accepts its token
    assert await _until(all_accept, 100), await _answers(attacker, token, str(person["_id"]))

    # when its grace ends
    await people["signing_keys"].update_one(
        {"_id": kid}, {"$set": {"retiredAt": now - timedelta(hours=2)}}
    )

    async def all_refuse() -> bool:
        answers = await _answers(attacker, token, str(person["_id"]))
        return all(refused(body, "UNAUTHENTICATED") for body in answers.values())

    # then within people's key cache (30 s) and the verifiers' refetch (60 s), all refuse it
    try:
        assert await _until(all_refuse, 120), await _answers(attacker, token, str(person["_id"]))
    finally:
        await people["signing_keys"].delete_one({"_id": kid})
