"""Private signing keys sealed at rest: AES-256-GCM under a key from the environment.

The kid is the additional authenticated data, so a sealed key cannot be moved to another
document; a wrong encryption key or a tampered document fails to open instead of yielding
garbage.
"""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from grassroots_people.settings import ENCRYPTION_KEY_BYTES as KEY_BYTES

ALGORITHM = "A256GCM"
_NONCE_BYTES = 12


class SealedKeyUnreadable(RuntimeError):
    """A sealed private key that the configured encryption key does not open."""


def new_encryption_key() -> str:
    """A fresh key in the form SIGNING_KEY_ENCRYPTION_KEY takes."""
    return base64.urlsafe_b64encode(os.urandom(KEY_BYTES)).decode().rstrip("=")


def sealer_for(key: bytes | None) -> KeySealer | None:
    """The sealer under `key` (`PeopleSettings.encryption_key()`); None without one."""
    return KeySealer(key) if key is not None else None


class KeySealer:
    def __init__(self, key: bytes) -> None:
        if len(key) != KEY_BYTES:
            raise ValueError(f"the encryption key must be {KEY_BYTES} bytes")
        self._aead = AESGCM(key)

    def seal(self, kid: str, private_pem: str) -> dict[str, Any]:
        nonce = os.urandom(_NONCE_BYTES)
        ciphertext = self._aead.encrypt(nonce, private_pem.encode(), kid.encode())
        return {"alg": ALGORITHM, "nonce": _b64(nonce), "ciphertext": _b64(ciphertext)}

    def open(self, kid: str, sealed: Mapping[str, Any]) -> str:
        if sealed.get("alg") != ALGORITHM:
            raise SealedKeyUnreadable(f"signing key {kid} is sealed with {sealed.get('alg')!r}")
        try:
            nonce = base64.urlsafe_b64decode(str(sealed["nonce"]))
            ciphertext = base64.urlsafe_b64decode(str(sealed["ciphertext"]))
            return self._aead.decrypt(nonce, ciphertext, kid.encode()).decode()
        except (InvalidTag, KeyError, ValueError, binascii.Error):
            raise SealedKeyUnreadable(
                f"signing key {kid} does not open with SIGNING_KEY_ENCRYPTION_KEY: is it the "
                "key it was sealed with?"
            ) from None


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).decode()
