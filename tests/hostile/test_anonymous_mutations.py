"""The first rows of the authorization matrix, for every mutation the graph has (found by
introspection, so new mutations are covered the day they appear): a caller without a token,
or with a forged one, changes nothing, through the gateway and directly on each subgraph.

Public mutations (logging in, refreshing a token) are called too: they must refuse bad
credentials cleanly and write nothing a client can see.
"""

from __future__ import annotations

import base64
import json

import pytest

from tests.hostile._inputs import INTROSPECT, InputBuilder
from tests.hostile._probe import assert_clean, counts, error_codes, post
from tests.support.stack import SERVICES, Stack

DENIED = {"UNAUTHENTICATED", "FORBIDDEN"}
# Refusals that come before the authorization check (the probe's dummy values).
EARLY = {"BAD_USER_INPUT", "NOT_FOUND", "GRAPHQL_VALIDATION_FAILED", "CONFLICT"}
PUBLIC = {"login", "refreshToken", "refreshAccessToken", "logout", "refresh"}


def forged_token() -> str:
    """A token with a platform-admin-looking claim set and no valid signature."""

    def part(data: dict[str, object]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    claims = {
        "sub": "admin",
        "iss": "grassroots/people",
        "aud": "grassroots",
        "typ": "access",
        "exp": 4102444800,
        "roles": [
            {"role": "DISTRICT_ADMIN", "orgUnitId": "x", "path": ["x"], "organizationId": None}
        ],
    }
    return f"{part({'alg': 'none', 'typ': 'JWT'})}.{part(claims)}.c2ln"


@pytest.mark.parametrize("credential", ["none", "forged"])
@pytest.mark.parametrize("target", ["gateway", *SERVICES])
async def test_without_a_valid_token_no_mutation_succeeds_or_writes(
    credential: str, target: str, hostile_stack: Stack, hostile_cleanup: None, mongo_url: str
) -> None:
    gateway = f"{hostile_stack.gateway.url}/graphql"
    url = gateway if target == "gateway" else f"{hostile_stack.processes[target][0].url}/graphql"
    _, schema, _ = await post(url, INTROSPECT)
    builder = InputBuilder(schema["data"]["__schema"])
    token = forged_token() if credential == "forged" else None
    before = await counts(mongo_url, hostile_stack)
    outcomes: dict[str, set[str]] = {}

    for mutation in builder.mutations:
        query, variables = builder.call(mutation)
        status, body, text = await post(url, query, variables, token)
        assert_clean(status, text)
        succeeded = (body.get("data") or {}).get(mutation["name"]) is not None
        # A public mutation may answer (logging out an unknown refresh token is a no-op); the
        # count of documents below shows it wrote nothing.
        if mutation["name"] not in PUBLIC:
            assert not succeeded, f"{mutation['name']} succeeded without a valid token: {body}"
        outcomes[mutation["name"]] = error_codes(body)

    # Every protected mutation says why in a typed code.
    unexplained = {
        name: codes
        for name, codes in outcomes.items()
        if name not in PUBLIC and not codes & (DENIED | EARLY)
    }
    assert not unexplained, unexplained
    assert await counts(mongo_url, hostile_stack) == before
