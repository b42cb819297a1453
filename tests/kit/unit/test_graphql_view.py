"""The subgraph view's short path answers exactly as Strawberry's own view, and the subgraph
extension codes, masks and caches as it should."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest
import strawberry
from grassroots_kit.errors import NotFound
from grassroots_kit.graphql import operations
from grassroots_kit.graphql.app import _GraphQL
from grassroots_kit.graphql.errors import MASKED_MESSAGE
from grassroots_kit.graphql.schema import SubgraphSchema
from grassroots_kit.i18n import msg, translate
from starlette.requests import Request
from strawberry.asgi import GraphQL


@strawberry.type
class Query:
    @strawberry.field
    def greeting(self, person_name: str, times: int = 1) -> str:
        return " ".join([f"hello {person_name}"] * times)

    @strawberry.field
    def missing(self) -> str:
        raise NotFound(msg("there is no such thing"))

    @strawberry.field
    def broken(self) -> str:
        raise RuntimeError("secret detail")


@strawberry.type
class Mutation:
    @strawberry.mutation
    def touch(self, name: str) -> str:
        return name


SCHEMA = SubgraphSchema(service="view-test", query=Query, mutation=Mutation)

JSON = "application/json"
GREETING = "query($n: String!, $t: Int) { greeting(personName: $n, times: $t) }"
TWO = 'query A { greeting(personName: "a") } query B { greeting(personName: "b") }'


def _body(**fields: Any) -> str:
    return json.dumps(fields)


REQUESTS: list[tuple[str, str, bytes | str]] = [
    ("variables", JSON, _body(query=GREETING, variables={"n": "ada", "t": 2})),
    ("charset", f"{JSON}; charset=utf-8", _body(query='{ greeting(personName: "x") }')),
    ("mutation", JSON, _body(query='mutation { touch(name: "x") }')),
    ("user error", JSON, _body(query="{ missing }")),
    ("unexpected error", JSON, _body(query="{ broken }")),
    ("syntax error", JSON, _body(query="{ greeting(")),
    ("unknown field", JSON, _body(query="{ nope }")),
    ("bad variable", JSON, _body(query=GREETING, variables={"n": 5})),
    ("missing variable", JSON, _body(query=GREETING)),
    ("chosen operation", JSON, _body(query=TWO, operationName="B")),
    ("unknown operation", JSON, _body(query=TWO, operationName="C")),
    ("unnamed choice", JSON, _body(query=TWO)),
    ("first of several, no name", JSON, _body(query=TWO, operationName=None)),
    ("named anonymous", JSON, _body(query="{ missing }", operationName="A")),
    ("only a fragment", JSON, _body(query="fragment F on Query { missing }")),
    ("subscription", JSON, _body(query="subscription { missing }")),
    ("empty query", JSON, _body(query="")),
    ("blank query", JSON, _body(query="  ")),
    ("typename", JSON, _body(query="{ __typename }")),
    ("introspection", JSON, _body(query="{ __schema { queryType { name } } }")),
    ("federation sdl", JSON, _body(query="{ _service { sdl } }")),
    ("unused variable", JSON, _body(query="{ missing }", variables={"x": 1})),
    ("null variables", JSON, _body(query=GREETING, variables=None)),
    ("with extensions", JSON, _body(query="{ missing }", extensions={"persistedQuery": {}})),
    ("not json", JSON, "{"),
    ("not utf-8", JSON, b'{"query": "\xff"}'),
    ("batch", JSON, json.dumps([{"query": "{ missing }"}])),
    ("json scalar", JSON, "3"),
    ("no query", JSON, "{}"),
    ("null query", JSON, _body(query=None)),
    ("query not a string", JSON, _body(query=1)),
    ("variables not an object", JSON, _body(query="{ missing }", variables=[1])),
    ("extensions not an object", JSON, _body(query="{ missing }", extensions=1)),
    ("operation name not a string", JSON, _body(query="{ missing }", operationName=1)),
    ("text body", "text/plain", _body(query="{ missing }")),
    ("no content type", "", _body(query="{ missing }")),
]


class _StockView(GraphQL[Any, None]):
    async def get_context(self, request: Any, response: Any) -> Any:
        return {}


async def _context(_: Request) -> dict[str, Any]:
    return {}


async def _post(app: Any, content_type: str, body: bytes | str) -> httpx.Response:
    headers = {"content-type": content_type} if content_type else {}
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        return await client.post("/graphql", content=body, headers=headers)


@pytest.mark.parametrize(
    ("content_type", "body"), [r[1:] for r in REQUESTS], ids=[r[0] for r in REQUESTS]
)
async def test_the_short_path_answers_as_strawberry_does(content_type: str, body: bytes | str):
    ours = await _post(_GraphQL(SCHEMA, _context, ide=None), content_type, body)
    stock = await _post(_StockView(SCHEMA, allow_queries_via_get=False), content_type, body)

    assert ours.status_code == stock.status_code
    assert ours.headers.get("content-type") == stock.headers.get("content-type")
    assert ours.content == stock.content


async def _answer(query: str, variables: dict[str, Any] | None = None) -> dict[str, Any]:
    response = await _post(
        _GraphQL(SCHEMA, _context, ide=None),
        JSON,
        _body(query=query, variables=variables),
    )
    assert response.status_code == 200
    answer: dict[str, Any] = response.json()
    return answer


async def test_a_variable_that_does_not_fit_is_bad_user_input():
    answer = await _answer(GREETING, {"n": ["not", "a", "string"]})

    assert answer["data"] is None
    assert answer["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_an_expected_failure_keeps_its_code_and_an_unexpected_one_is_masked():
    missing = await _answer("{ missing }")
    broken = await _answer("{ broken }")

    assert missing["errors"][0]["extensions"]["code"] == "NOT_FOUND"
    assert missing["errors"][0]["message"] == "there is no such thing"
    # No Accept-Language reaches the view here: the default locale, zh-CN.
    assert broken["errors"][0]["message"] == translate(MASKED_MESSAGE, "zh-CN")
    assert broken["errors"][0]["message"] != MASKED_MESSAGE
    assert broken["errors"][0]["path"] == ["broken"]
    assert "secret" not in str(broken)


async def test_each_document_is_parsed_and_validated_once():
    query = '{ greeting(personName: "cached once") }'
    parsed, validated = operations._parse.cache_info(), operations._validate.cache_info()
    for _ in range(3):
        assert (await _answer(query))["data"] == {"greeting": "hello cached once"}

    assert operations._parse.cache_info().misses == parsed.misses + 1
    assert operations._parse.cache_info().hits == parsed.hits + 2
    assert operations._validate.cache_info().misses == validated.misses + 1


async def _both_paths(query: str) -> None:
    await _answer(query)  # the view's short path
    await SCHEMA.execute(query)  # Strawberry's own, as the view's other requests take


async def test_an_expected_failure_is_not_logged_as_an_error_and_an_unexpected_one_once(
    caplog: pytest.LogCaptureFixture,
):
    with caplog.at_level(logging.INFO):
        await _both_paths("{ missing }")
    assert [r for r in caplog.records if r.levelno >= logging.ERROR] == []
    lines = [r for r in caplog.records if r.name == "grassroots.graphql"]
    assert [getattr(r, "outcome", None) for r in lines] == ["error", "error"]

    caplog.clear()
    with caplog.at_level(logging.INFO):
        await _both_paths("{ broken }")
    errors = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(errors) == 2  # once per request
    assert all("secret detail" in str(r.exc_info[1]) for r in errors if r.exc_info)
