"""OpenTelemetry tracing, off unless the settings ask for it.

Off (the default), nothing of OpenTelemetry is imported and every hook here returns at once, so
an untraced service pays one `is None` test per request, event and MongoDB command.

On (`TRACING=console|otlp`, or `OTEL_EXPORTER_OTLP_ENDPOINT` set), a process records:
- a SERVER span per HTTP request, continuing the caller's W3C `traceparent` (the gateway's);
- a span per GraphQL operation (`grassroots_kit.graphql.observe`);
- a CLIENT span per MongoDB command sent inside a traced operation (never the command's
  contents: they may hold personal data);
- a PRODUCER span when the relay publishes an event and a CONSUMER span when a consumer handles
  it. The trace travels in the event itself, as the CloudEvents distributed-tracing extension
  (`traceparent`, `tracestate`), stamped when the event is written to the outbox, so the
  consumer's work joins the trace of the request that caused the event.
JSON log lines carry `traceId` and `spanId` while a span is current.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import os
import sys
from collections.abc import Iterable, Mapping
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Literal

from pymongo import monitoring

from grassroots_kit.messaging.envelope import CloudEvent

if TYPE_CHECKING:
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.trace import Span

    from grassroots_kit.settings import ServiceSettings

log = logging.getLogger(__name__)

TRACE_FIELDS = ("traceparent", "tracestate")
EventSpanKind = Literal["publish", "process"]


class _Tracing:
    """What an enabled process holds; built only when tracing is on."""

    def __init__(self, provider: TracerProvider) -> None:
        from opentelemetry import context, trace
        from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator

        self.provider = provider
        self.tracer = provider.get_tracer("grassroots_kit")
        self.propagator = TraceContextTextMapPropagator()
        self.trace = trace
        self.context = context

    def extract(self, carrier: Mapping[str, str]) -> object:
        return self.propagator.extract(carrier=dict(carrier))


_state: _Tracing | None = None


def mode_of(settings: ServiceSettings) -> Literal["off", "console", "otlp"]:
    if settings.tracing is not None:
        return settings.tracing
    return "otlp" if settings.otel_exporter_otlp_endpoint else "off"


def configure(settings: ServiceSettings) -> None:
    """Turn tracing on as the settings say (a no-op when off, or when already on)."""
    mode = mode_of(settings)
    if mode == "off" or _state is not None:
        return
    from opentelemetry.sdk.resources import Resource
    from opentelemetry.sdk.trace import TracerProvider
    from opentelemetry.sdk.trace.export import (
        BatchSpanProcessor,
        ConsoleSpanExporter,
        SimpleSpanProcessor,
        SpanExporter,
    )
    from opentelemetry.sdk.trace.sampling import ParentBased, TraceIdRatioBased

    provider = TracerProvider(
        resource=Resource.create(
            {
                "service.name": settings.service_name,
                "service.version": settings.service_version,
                "deployment.environment.name": settings.environment,
            }
        ),
        sampler=ParentBased(TraceIdRatioBased(settings.tracing_sample_ratio)),
    )
    exporter: SpanExporter
    if mode == "console":
        # One JSON object per line on stdout, like the logs.
        exporter = ConsoleSpanExporter(
            out=sys.stdout, formatter=lambda span: span.to_json(indent=None) + "\n"
        )
        provider.add_span_processor(SimpleSpanProcessor(exporter))
    else:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        endpoint = None
        if settings.otel_exporter_otlp_endpoint and not os.environ.get(
            "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT"
        ):
            endpoint = settings.otel_exporter_otlp_endpoint.rstrip("/") + "/v1/traces"
        exporter = OTLPSpanExporter(endpoint=endpoint)
        provider.add_span_processor(BatchSpanProcessor(exporter))
    install(provider)
    log.info("tracing on", extra={"exporter": mode})


def install(provider: TracerProvider) -> None:
    """Trace with this provider from now on (tests install one with an in-memory exporter)."""
    global _state
    _state = _Tracing(provider)


def uninstall() -> None:
    global _state
    _state = None


def enabled() -> bool:
    return _state is not None


def flush() -> None:
    if _state is not None:
        _state.provider.force_flush(timeout_millis=5000)


def current_ids() -> tuple[str, str] | None:
    """(trace id, span id) of the current span, for log lines; None when there is none."""
    state = _state
    if state is None:
        return None
    context = state.trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return format(context.trace_id, "032x"), format(context.span_id, "016x")


def http_span(
    method: str, route: str, headers: Iterable[tuple[bytes, bytes]]
) -> AbstractContextManager[Span | None]:
    """A SERVER span for one request, child of the caller's `traceparent` when it sent one."""
    state = _state
    if state is None:
        return contextlib.nullcontext()
    carrier = {
        name.decode("latin-1"): value.decode("latin-1")
        for name, value in headers
        if name in (b"traceparent", b"tracestate")
    }
    return state.tracer.start_as_current_span(
        f"{method} {route}",
        context=state.extract(carrier),  # type: ignore[arg-type]
        kind=state.trace.SpanKind.SERVER,
        attributes={"http.request.method": method, "http.route": route},
        record_exception=False,
    )


def set_http_status(span: Span | None, status: int) -> None:
    if span is None or _state is None:
        return
    span.set_attribute("http.response.status_code", status)
    if status >= 500:
        span.set_status(_state.trace.StatusCode.ERROR)


def internal_span(name: str) -> AbstractContextManager[Span | None]:
    """A child span of whatever is current (a GraphQL operation, a sweep)."""
    state = _state
    if state is None:
        return contextlib.nullcontext()
    return state.tracer.start_as_current_span(name, record_exception=False)


def mark_error(span: Span | None, description: str) -> None:
    if span is not None and _state is not None:
        span.set_status(_state.trace.StatusCode.ERROR, description)


def name_operation_span(span: Span, name: str, *, failed: bool) -> None:
    span.update_name(f"graphql {name}")
    span.set_attribute("graphql.operation.name", name)
    if failed:
        mark_error(span, "the operation returned errors")


def mark_current_error(description: str) -> None:
    state = _state
    if state is not None:
        state.trace.get_current_span().set_status(state.trace.StatusCode.ERROR, description)


def stamp_event(event: CloudEvent) -> CloudEvent:
    """The event carrying the current trace context, unless it already carries one."""
    state = _state
    if state is None or "traceparent" in event.extensions:
        return event
    carrier: dict[str, str] = {}
    state.propagator.inject(carrier)
    if not carrier:
        return event
    return dataclasses.replace(event, extensions={**event.extensions, **carrier})


def event_span(
    event: CloudEvent, kind: EventSpanKind, destination: str
) -> AbstractContextManager[Span | None]:
    """The span of publishing or handling an event, in the trace the event carries."""
    state = _state
    if state is None:
        return contextlib.nullcontext()
    carrier = {k: v for k, v in event.extensions.items() if k in TRACE_FIELDS}
    kinds = state.trace.SpanKind
    span_kind = kinds.PRODUCER if kind == "publish" else kinds.CONSUMER
    return state.tracer.start_as_current_span(
        f"{kind} {event.type}",
        context=state.extract(carrier),  # type: ignore[arg-type]
        kind=span_kind,
        attributes={
            "messaging.system": "rabbitmq",
            "messaging.operation.type": kind,
            "messaging.destination.name": destination,
            "messaging.message.id": event.id,
            "cloudevents.event_id": event.id,
            "cloudevents.event_type": event.type,
            "cloudevents.event_source": event.source,
        },
        record_exception=False,
    )


class MongoCommandSpans(monitoring.CommandListener):
    """CLIENT spans for the MongoDB commands of a traced operation.

    Commands outside any span (the relay's polling, health checks) are not traced: they would
    bury the traces that matter under thousands of lonely ones.
    """

    def __init__(self) -> None:
        self._open: dict[tuple[int, object], Span] = {}

    def started(self, event: monitoring.CommandStartedEvent) -> None:
        state = _state
        if state is None or not state.trace.get_current_span().get_span_context().is_valid:
            return
        target = event.command.get(event.command_name)
        collection = target if isinstance(target, str) else None
        name = f"{event.command_name} {event.database_name}"
        if collection:
            name = f"{name}.{collection}"
        attributes: dict[str, str] = {
            "db.system.name": "mongodb",
            "db.namespace": event.database_name,
            "db.operation.name": event.command_name,
        }
        if collection:
            attributes["db.collection.name"] = collection
        self._open[(event.request_id, event.connection_id)] = state.tracer.start_span(
            name, kind=state.trace.SpanKind.CLIENT, attributes=attributes
        )

    def succeeded(self, event: monitoring.CommandSucceededEvent) -> None:
        span = self._open.pop((event.request_id, event.connection_id), None)
        if span is not None:
            span.end()

    def failed(self, event: monitoring.CommandFailedEvent) -> None:
        span = self._open.pop((event.request_id, event.connection_id), None)
        if span is not None:
            mark_error(span, f"{event.command_name} failed")
            span.end()


def mongo_listeners() -> list[monitoring.CommandListener]:
    """Listeners for a new MongoDB client: none unless tracing is on."""
    return [MongoCommandSpans()] if _state is not None else []
