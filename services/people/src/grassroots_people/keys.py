"""Rotate the key that signs access tokens, then exit:

    python -m grassroots_people.keys rotate     a new key signs from now on
    python -m grassroots_people.keys list       the keys and whether each is published

Every replica picks the new key up within 30 seconds; the old one stays published until the
tokens it signed have expired, plus SIGNING_KEY_GRACE_MINUTES. The new private key is sealed
with SIGNING_KEY_ENCRYPTION_KEY: give it the same value as the people service. Not for a key
given by SIGNING_KEY_PEM: rotate that Secret.
"""

from __future__ import annotations

import argparse
import asyncio
from datetime import timedelta

from grassroots_kit.mongo import create_client
from grassroots_kit.settings import load_settings

from grassroots_people.adapters.key_sealing import sealer_for
from grassroots_people.adapters.signing_keys import COLLECTION, KeyRing
from grassroots_people.settings import PeopleSettings


async def _run(command: str) -> None:
    settings = load_settings(PeopleSettings)
    client = create_client(settings.mongodb_url, app_name="people-keys")
    db = client[settings.mongodb_database]
    retain = timedelta(minutes=settings.access_token_minutes + settings.signing_key_grace_minutes)
    keys = KeyRing(db, retain=retain, sealer=sealer_for(settings.encryption_key()))
    try:
        if command == "rotate":
            print(f"new signing key {await keys.rotate()}")
        published = {k["kid"] for k in (await keys.jwks())["keys"]}
        async for doc in (
            db[COLLECTION].find({}, {"privatePem": 0, "sealedPrivateKey": 0}).sort("createdAt", 1)
        ):
            state = "signing" if doc["active"] else "retired"
            shown = "published" if doc["_id"] in published else "no longer published"
            print(f"{doc['_id']}  {state}  created {doc['createdAt']:%Y-%m-%d %H:%M}  {shown}")
    finally:
        await client.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Manage people's token signing keys.")
    parser.add_argument("command", choices=["rotate", "list"])
    args = parser.parse_args(argv)
    asyncio.run(_run(args.command))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
