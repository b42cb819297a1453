"""Short-lived signed URLs for one photo: to upload it once, or to download one of its sizes.

A token is `<claims>.<mac>`, both base64url: the claims say what it is for (`up` or `get`), the
media id, the size (`full` or `thumb`) and when it expires (unix seconds); the mac is
HMAC-SHA256 over the claims with the service's media secret. A token for one photo cannot be
turned into one for another, or made to live longer, without the secret. Whether an upload
token was already used is the record's business (`records.claim_upload`), not the token's.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass
from typing import Literal

from grassroots_kit.errors import Forbidden
from grassroots_kit.i18n import msg

Purpose = Literal["up", "get"]
Variant = Literal["full", "thumb"]
_PURPOSES = ("up", "get")
_VARIANTS = ("full", "thumb")
# Longer than any token this module issues (about 120 characters); refused before any work.
MAX_TOKEN_CHARS = 256


@dataclass(frozen=True)
class Claims:
    purpose: Purpose
    media_id: str
    variant: Variant
    expires_at: int


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(secret: bytes, claims: str) -> str:
    return _b64(hmac.new(secret, claims.encode("ascii"), hashlib.sha256).digest())


def issue(secret: bytes, claims: Claims) -> str:
    body = _b64(
        f"{claims.purpose}|{claims.media_id}|{claims.variant}|{claims.expires_at}".encode("ascii")
    )
    return f"{body}.{_mac(secret, body)}"


def _refused() -> Forbidden:
    return Forbidden(
        msg("this photo link is not valid: ask for a new one"), reason="INVALID_MEDIA_URL"
    )


def expired() -> Forbidden:
    return Forbidden(msg("this photo link has expired: ask for a new one"), reason="EXPIRED")


def verify(secret: bytes, token: str, purpose: Purpose, now: float) -> Claims:
    """The token's claims if it is genuine, for `purpose` and not expired; else FORBIDDEN."""
    if len(token) > MAX_TOKEN_CHARS or token.count(".") != 1:
        raise _refused()
    body, mac = token.split(".")
    if not hmac.compare_digest(_mac(secret, body).encode(), mac.encode("ascii", "replace")):
        raise _refused()
    try:
        kind, media_id, variant, expires = _unb64(body).decode("ascii").split("|")
        expires_at = int(expires)
    except ValueError:
        raise _refused() from None
    if kind != purpose or variant not in _VARIANTS or kind not in _PURPOSES:
        raise _refused()
    if expires_at <= now:
        raise expired()
    return Claims(purpose, media_id, variant, expires_at)  # type: ignore[arg-type]
