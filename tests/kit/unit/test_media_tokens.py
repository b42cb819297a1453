"""Photo URLs: genuine, for one purpose and one photo, and short-lived."""

from __future__ import annotations

import pytest
from grassroots_kit.errors import Forbidden
from grassroots_kit.media.tokens import Claims, issue, verify

SECRET = b"k" * 32


def test_a_token_verifies_for_its_purpose() -> None:
    token = issue(SECRET, Claims("get", "abc", "thumb", 2000))
    assert verify(SECRET, token, "get", 1000) == Claims("get", "abc", "thumb", 2000)


def test_an_upload_token_is_no_download_token() -> None:
    token = issue(SECRET, Claims("up", "abc", "full", 2000))
    with pytest.raises(Forbidden):
        verify(SECRET, token, "get", 1000)


def test_an_expired_token_is_refused() -> None:
    token = issue(SECRET, Claims("get", "abc", "full", 2000))
    with pytest.raises(Forbidden) as refused:
        verify(SECRET, token, "get", 2000)
    assert refused.value.extensions["reason"] == "EXPIRED"


def test_claims_cannot_be_swapped_under_a_signature() -> None:
    mine = issue(SECRET, Claims("get", "mine", "full", 2000))
    theirs = issue(SECRET, Claims("get", "theirs", "full", 2000))
    forged = theirs.split(".")[0] + "." + mine.split(".")[1]
    with pytest.raises(Forbidden):
        verify(SECRET, forged, "get", 1000)


def test_another_key_does_not_verify() -> None:
    token = issue(b"x" * 32, Claims("get", "abc", "full", 2000))
    with pytest.raises(Forbidden):
        verify(SECRET, token, "get", 1000)


@pytest.mark.parametrize("junk", ["", ".", "a.b.c", "x" * 300, "abc.%%%"])
def test_junk_is_refused(junk: str) -> None:
    with pytest.raises(Forbidden):
        verify(SECRET, junk, "get", 1000)
