"""Tracing across a request, MongoDB, the outbox relay and a consumer, with an in-memory
exporter, against the real MongoDB and RabbitMQ."""

from __future__ import annotations

import asyncio
import json
import logging
import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
import strawberry
from grassroots_kit import tracing
from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.graphql.schema import SubgraphSchema
from grassroots_kit.host import ServiceHost
from grassroots_kit.log import JsonFormatter
from grassroots_kit.messaging.consumer import Subscription
from grassroots_kit.messaging.envelope import CloudEvent, new_event
from grassroots_kit.messaging.outbox import add_to_outbox
from grassroots_kit.mongo import Session
from grassroots_kit.settings import ServiceSettings
from opentelemetry.sdk.trace import ReadableSpan, TracerProvider
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from strawberry.types import Info

from tests.support.apps import eventually
from tests.support.rabbit import BrokerNamespace

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN = "00f067aa0ba902b7"
TRACEPARENT = f"00-{TRACE_ID}-{CALLER_SPAN}-01"


@strawberry.type
class Query:
    @strawberry.field
    def ok(self) -> bool:
        return True


@strawberry.type
class Mutation:
    @strawberry.mutation
    async def make_thing(self, info: Info[Any, None], name: str) -> str:
        host: ServiceHost = info.context["host"]

        async def work(session: Session) -> None:
            await host.db["things"].insert_one({"_id": name}, session=session)
            event = new_event("thing.made", source="tracing-test", subject=name, data={})
            await add_to_outbox(host.db, session, [event])

        await host.transaction(work)
        return name


# A SubgraphSchema, as the services use: its JSON POSTs take the view's short path.
SCHEMA = SubgraphSchema(service="tracing-test", query=Query, mutation=Mutation)


class Lines(logging.Handler):
    """Formats each record as it is logged, while the span that logged it is current."""

    def __init__(self) -> None:
        super().__init__()
        self.setFormatter(JsonFormatter("tracing-test"))
        self.lines: list[dict[str, Any]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


@pytest.fixture
def exporter() -> AsyncIterator[InMemorySpanExporter]:
    exporter = InMemorySpanExporter()
    provider = TracerProvider()
    provider.add_span_processor(SimpleSpanProcessor(exporter))
    tracing.install(provider)
    try:
        yield exporter
    finally:
        tracing.uninstall()


@pytest.fixture
async def app(exporter, mongo_url: str, db_name: str, broker_ns: BrokerNamespace):
    settings = ServiceSettings(
        service_name="tracingtest",
        mongodb_url=mongo_url,
        mongodb_database=db_name,
        amqp_url=broker_ns.url,
        events_prefix=broker_ns.prefix,
        relay_poll_seconds=0.1,
    )
    handled: list[CloudEvent] = []

    async def on_thing_made(event: CloudEvent, session: Session) -> None:
        logging.getLogger("tracing-test").info("handling")
        await host.db["seen"].insert_one({"_id": event.id}, session=session)
        handled.append(event)

    host = ServiceHost(
        settings,
        collections=["things", "seen"],
        subscriptions=[Subscription("effects", {"thing.made": on_thing_made})],
    )

    async def context(_: object) -> dict[str, Any]:
        return {"host": host}

    application = create_service_app(host=host, schema=SCHEMA, context_factory=context)
    async with application.router.lifespan_context(application):
        await asyncio.wait_for(host.wait_booted(), 30)
        for consumer in host.consumers:
            broker_ns.track(consumer.queue_name)
        transport = httpx.ASGITransport(app=application)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            try:
                yield client, handled
            finally:
                await host.client.drop_database(db_name)


def _trace_id(span: ReadableSpan) -> str:
    assert span.context is not None
    return format(span.context.trace_id, "032x")


def _parent(span: ReadableSpan) -> str | None:
    return format(span.parent.span_id, "016x") if span.parent else None


def _id(span: ReadableSpan) -> str:
    assert span.context is not None
    return format(span.context.span_id, "016x")


async def test_one_request_yields_linked_spans_through_mongodb_and_the_event_consumer(
    app, exporter
):
    client, handled = app
    lines = Lines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(lines)
    root.setLevel(logging.INFO)
    try:
        # Given a caller (the gateway) that sends its trace context,
        # when it runs a mutation that writes a document and an event,
        response = await client.post(
            "/graphql",
            json={"query": 'mutation MakeThing { makeThing(name: "a") }'},
            headers={"traceparent": TRACEPARENT},
        )
        assert response.status_code == 200, response.text
        await eventually(lambda: _async(len(handled) == 1), timeout=15)
        await eventually(lambda: _async(_named(exporter, "process thing.made")), timeout=5)
    finally:
        root.removeHandler(lines)
        root.setLevel(level)

    spans = exporter.get_finished_spans()
    in_trace = [s for s in spans if _trace_id(s) == TRACE_ID]
    by_name = {s.name: s for s in in_trace}
    # then the request's span continues the caller's trace,
    server = by_name["POST /graphql"]
    assert server.kind == SpanKind.SERVER
    assert _parent(server) == CALLER_SPAN
    # the operation and its MongoDB commands are its children,
    operation = by_name["graphql MakeThing"]
    assert _parent(operation) == _id(server)
    insert = next(s for s in in_trace if s.name.endswith(".things") and "insert" in s.name)
    assert insert.kind == SpanKind.CLIENT
    assert insert.attributes is not None
    assert insert.attributes["db.collection.name"] == "things"
    # the event carried the trace to the relay's publish and to the consumer,
    publish = by_name["publish thing.made"]
    process = by_name["process thing.made"]
    assert publish.kind == SpanKind.PRODUCER
    assert process.kind == SpanKind.CONSUMER
    assert _parent(publish) == _parent(process) == _id(operation)
    assert handled[0].extensions["traceparent"].split("-")[1] == TRACE_ID
    # and the consumer's own MongoDB writes hang under its span.
    assert any(s.name.endswith(".seen") and _parent(s) == _id(process) for s in in_trace)
    # The log lines of the request and of the handler carry the trace id.
    traced = {line["message"]: line for line in lines.lines if line.get("traceId") == TRACE_ID}
    assert {"graphql operation", "handling"} <= set(traced)
    assert traced["handling"]["spanId"] == _id(process)


async def test_background_database_traffic_makes_no_traces(app, exporter):
    # Given a running service with tracing on, when nothing is asked of it for a while,
    await asyncio.sleep(0.6)

    # then the relay's polling and the health checks produced no spans.
    assert exporter.get_finished_spans() == ()


def test_with_tracing_off_opentelemetry_is_never_imported():
    # Given the kit's service plumbing, when a host and its app are built and a log line written
    # with tracing off (the default),
    code = """
import sys, logging
from grassroots_kit.settings import ServiceSettings
from grassroots_kit.host import ServiceHost
from grassroots_kit.graphql.app import create_service_app
from grassroots_kit.log import JsonFormatter
from grassroots_kit import tracing
settings = ServiceSettings()
tracing.configure(settings)
host = ServiceHost(settings)
JsonFormatter("x").format(logging.LogRecord("x", 20, "", 0, "hello", (), None))
print(sorted(m for m in sys.modules if m.startswith("opentelemetry")))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )

    # then no OpenTelemetry module was loaded.
    assert result.stdout.strip() == "[]"


def test_the_otlp_endpoint_alone_turns_tracing_on():
    assert tracing.mode_of(ServiceSettings()) == "off"
    assert tracing.mode_of(ServiceSettings(otel_exporter_otlp_endpoint="http://c:4318")) == "otlp"
    assert (
        tracing.mode_of(ServiceSettings(otel_exporter_otlp_endpoint="http://c:4318", tracing="off"))
        == "off"
    )
    assert tracing.mode_of(ServiceSettings(tracing="console")) == "console"


def _named(exporter: InMemorySpanExporter, name: str) -> bool:
    return any(s.name == name for s in exporter.get_finished_spans())


async def _async(value: bool) -> bool:
    return value
