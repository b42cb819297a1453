"""Signing keys in MongoDB: sealed at rest, sealed when found in plaintext, unpublished after
their grace."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from grassroots_people.adapters.key_sealing import (
    KeySealer,
    new_encryption_key,
)
from grassroots_people.adapters.signing_keys import COLLECTION, KeyRing, generate_pem, load_key
from grassroots_people.settings import parse_encryption_key

from tests.people.integration.graph import PeopleGraph


def ring(graph: PeopleGraph, sealer: KeySealer) -> KeyRing:
    return KeyRing(graph.service.host.db, retain=timedelta(minutes=20), sealer=sealer)


async def test_the_stored_key_holds_no_plaintext_private_key(graph: PeopleGraph):
    docs = [d async for d in graph.service.host.db[COLLECTION].find({})]

    assert docs
    for doc in docs:
        assert "privatePem" not in doc
        assert "PRIVATE KEY" not in repr(doc)
        assert set(doc["sealedPrivateKey"]) == {"alg", "nonce", "ciphertext"}


async def test_a_plaintext_key_of_an_older_release_is_sealed_when_read(graph: PeopleGraph):
    db = graph.service.host.db
    sealer = KeySealer(parse_encryption_key(new_encryption_key()))
    await db[COLLECTION].delete_many({})
    pem = generate_pem()
    kid = load_key(pem).kid
    await db[COLLECTION].insert_one(
        {
            "_id": kid,
            "privatePem": pem,
            "active": True,
            "createdAt": datetime.now(UTC),
            "retiredAt": None,
        }
    )

    signing = await ring(graph, sealer).signing_key()

    doc = await db[COLLECTION].find_one({"_id": kid})
    assert signing.kid == kid
    assert "privatePem" not in doc
    assert sealer.open(kid, doc["sealedPrivateKey"]) == pem


async def test_a_rotated_out_key_is_published_through_its_grace_and_not_after(
    graph: PeopleGraph,
):
    db = graph.service.host.db
    sealer = KeySealer(parse_encryption_key(new_encryption_key()))
    await db[COLLECTION].delete_many({})
    keys = ring(graph, sealer)
    first = (await keys.signing_key()).kid
    second = await keys.rotate()

    within = {k["kid"] for k in (await keys.jwks())["keys"]}
    await db[COLLECTION].update_one(
        {"_id": first}, {"$set": {"retiredAt": datetime.now(UTC) - timedelta(minutes=21)}}
    )
    later = ring(graph, sealer)  # a fresh process: no cache

    assert within == {first, second}
    assert {k["kid"] for k in (await later.jwks())["keys"]} == {second}
