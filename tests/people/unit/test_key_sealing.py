"""Private signing keys are sealed at rest with a key from the environment."""

from __future__ import annotations

import base64
import os

import pytest
from grassroots_people.adapters.key_sealing import (
    KeySealer,
    SealedKeyUnreadable,
    new_encryption_key,
)
from grassroots_people.adapters.signing_keys import generate_pem, load_key
from grassroots_people.settings import PeopleSettings, parse_encryption_key
from pydantic import ValidationError

PEM = generate_pem()
KID = load_key(PEM).kid


def sealer() -> KeySealer:
    return KeySealer(parse_encryption_key(new_encryption_key()))


def test_a_sealed_key_opens_to_the_same_pem_and_holds_no_plaintext():
    box = sealer()

    sealed = box.seal(KID, PEM)

    assert box.open(KID, sealed) == PEM
    assert "PRIVATE KEY" not in repr(sealed)
    assert PEM.splitlines()[1] not in repr(sealed)


def test_a_wrong_encryption_key_does_not_open_it():
    sealed = sealer().seal(KID, PEM)

    with pytest.raises(SealedKeyUnreadable, match="SIGNING_KEY_ENCRYPTION_KEY"):
        sealer().open(KID, sealed)


def test_a_sealed_key_moved_to_another_kid_does_not_open():
    box = sealer()
    sealed = box.seal(KID, PEM)

    with pytest.raises(SealedKeyUnreadable):
        box.open("another-kid", sealed)


def test_the_encryption_key_is_32_bytes_of_base64_either_alphabet():
    raw = os.urandom(32)

    assert parse_encryption_key(base64.b64encode(raw).decode()) == raw
    assert parse_encryption_key(base64.urlsafe_b64encode(raw).decode().rstrip("=")) == raw
    with pytest.raises(ValueError, match="32"):
        parse_encryption_key(base64.b64encode(os.urandom(16)).decode())
    with pytest.raises(ValueError, match="base64"):
        parse_encryption_key("not base64 at all!")


# Production also needs the gateway's signing secret (docs/security.md); given here so that the
# key-sealing rule is the one under test.
GATEWAY_SECRET = "s" * 32


def test_production_refuses_to_start_without_an_encryption_key():
    with pytest.raises(ValidationError, match="SIGNING_KEY_ENCRYPTION_KEY is required"):
        PeopleSettings(environment="production", subgraph_signing_secret=GATEWAY_SECRET)

    assert PeopleSettings(
        environment="production",
        subgraph_signing_secret=GATEWAY_SECRET,
        signing_key_encryption_key=new_encryption_key(),
    ).encryption_key()
    assert PeopleSettings(
        environment="production", subgraph_signing_secret=GATEWAY_SECRET, signing_key_pem=PEM
    )
    assert PeopleSettings(environment="development").encryption_key() is None


def test_the_encryption_key_is_redacted_from_logged_settings():
    settings = PeopleSettings(signing_key_encryption_key=new_encryption_key())

    assert settings.redacted()["signing_key_encryption_key"] == "***"
