"""The "not signed in" error has one wording: services use `grassroots_kit.request_auth`."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# An Unauthenticated raised with its own wording of "sign in first" ("log in again" after a
# refresh token failed is another failure, worded where it happens).
OWN_WORDING = re.compile(
    r"Unauthenticated\(\s*(msg\(\s*)?[rf]?[\"'][^\"']*"
    r"((sign|log) ?in (first|to )|needs an access token|bearer <access token>)",
    re.IGNORECASE,
)


def test_no_service_words_not_signed_in_itself():
    offenders = [
        f"{path.relative_to(ROOT)}:{text[: match.start()].count(chr(10)) + 1}"
        for path in sorted((ROOT / "services").glob("*/src/**/*.py"))
        for text in [path.read_text(encoding="utf-8")]
        for match in OWN_WORDING.finditer(text)
    ]
    assert offenders == [], "use grassroots_kit.request_auth.required: " + ", ".join(offenders)


def test_the_pattern_catches_the_wordings_it_replaced():
    for old in (
        'raise Unauthenticated("sign in first: this needs an access token")',
        'raise Unauthenticated("log in first: this needs an access token")',
        "raise Unauthenticated(\n    'sign in first: send `Authorization: Bearer <access token>`')",
        'raise Unauthenticated("log in to set a password")',
    ):
        assert OWN_WORDING.search(old), old
    assert not OWN_WORDING.search(
        'raise Unauthenticated("the refresh token is not valid; log in again")'
    )
