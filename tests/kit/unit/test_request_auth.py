"""One way to read who is calling from a request, with one wording for "not signed in"."""

import pytest
from grassroots_kit.auth import TokenVerifier
from grassroots_kit.errors import Unauthenticated
from grassroots_kit.request_auth import NOT_SIGNED_IN, authenticate, required
from starlette.requests import Request

from tests.kit.unit.test_auth import KEY, OTHER, Source, jwks, token


def verifier() -> TokenVerifier:
    return TokenVerifier(Source(jwks(("k1", KEY))))


def request_with(headers: dict[str, str]) -> Request:
    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
    return Request({"type": "http", "method": "POST", "path": "/graphql", "headers": raw})


async def test_a_request_without_a_token_is_anonymous_and_required_says_sign_in():
    auth = await authenticate(verifier(), request_with({}))

    assert auth.optional() is None
    with pytest.raises(Unauthenticated) as raised:
        auth.required()
    assert raised.value.message == str(NOT_SIGNED_IN)
    assert raised.value.code == "UNAUTHENTICATED"


async def test_a_verified_token_is_the_caller_whether_optional_or_required():
    auth = await authenticate(verifier(), request_with({"Authorization": f"Bearer {token()}"}))

    assert auth.optional() is not None
    assert auth.required().person_id == "p1"


async def test_plain_headers_work_as_well_as_a_request():
    auth = await authenticate(verifier(), {"authorization": f"Bearer {token()}"})

    assert auth.required().person_id == "p1"


async def test_a_bad_token_is_kept_and_fails_only_what_asks_for_the_caller():
    auth = await authenticate(verifier(), {"authorization": f"Bearer {token(key=OTHER)}"})

    assert auth.principal is None
    with pytest.raises(Unauthenticated) as optional:
        auth.optional()
    with pytest.raises(Unauthenticated) as required_:
        auth.required()
    assert optional.value.message != str(NOT_SIGNED_IN)
    assert required_.value is optional.value


async def test_a_header_that_is_not_bearer_is_unauthenticated_not_anonymous():
    auth = await authenticate(verifier(), {"authorization": "Basic dTpw"})

    with pytest.raises(Unauthenticated):
        auth.optional()


def test_required_refuses_nobody_with_the_one_message():
    with pytest.raises(Unauthenticated, match="sign in first"):
        required(None)
