"""A service process started with TRACING=console: one request, linked spans, the trace id in
its log lines."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path

import pytest
from pymongo import MongoClient

from tests.support.stack import Stack

TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
CALLER = "b7ad6b7169203331"
QUERY = '{"query": "query Probe { _service { sdl } }", "operationName": "Probe"}'


@pytest.fixture
def stack(mongo_url: str, rabbit_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TRACING", "console")
    stack = Stack(mongo_url, rabbit_url, tmp_path)
    try:
        yield stack
    finally:
        stack.stop()
        with MongoClient(mongo_url) as client:
            client.drop_database(stack.database("people"))


def test_a_traced_request_continues_the_callers_trace_and_is_logged_with_its_id(stack: Stack):
    # Given people running with console tracing,
    people = stack.start_service("people")

    # when a caller sends a request carrying its trace context,
    request = urllib.request.Request(
        f"{people.url}/graphql",
        data=QUERY.encode(),
        headers={"content-type": "application/json", "traceparent": f"00-{TRACE_ID}-{CALLER}-01"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200
    stack.stop()  # the exporter writes each span as it ends; stopping flushes the log

    # then its stdout holds the request's span as a child of the caller's,
    lines = [json.loads(line) for line in people.log.read_text().splitlines() if line[:1] == "{"]
    spans = [line for line in lines if "context" in line and "trace_id" in line["context"]]
    in_trace = [s for s in spans if s["context"]["trace_id"] == f"0x{TRACE_ID}"]
    server = next(s for s in in_trace if s["name"] == "POST /graphql")
    assert server["parent_id"] == f"0x{CALLER}"
    assert server["kind"] == "SpanKind.SERVER"
    assert server["resource"]["attributes"]["service.name"] == "people"
    # the operation's span under it,
    operation = next(s for s in in_trace if s["name"] == "graphql Probe")
    assert operation["parent_id"] == server["context"]["span_id"]
    # and the operation's log line carries the trace id.
    logged = [line for line in lines if line.get("message") == "graphql operation"]
    assert [line["traceId"] for line in logged] == [TRACE_ID]
