"""Prometheus metrics every service exposes at /metrics."""

from __future__ import annotations

from prometheus_client import Counter, Gauge, Histogram

HTTP_REQUESTS = Counter(
    "grassroots_http_requests_total",
    "HTTP requests served",
    ["service", "method", "path", "status"],
)
HTTP_LATENCY = Histogram(
    "grassroots_http_request_seconds", "HTTP request latency", ["service", "method", "path"]
)
GRAPHQL_OPERATIONS = Counter(
    "grassroots_graphql_operations_total",
    "GraphQL operations executed",
    ["service", "operation", "outcome"],
)
GRAPHQL_LATENCY = Histogram(
    "grassroots_graphql_operation_seconds", "GraphQL operation latency", ["service", "operation"]
)
DEPENDENCY_UP = Gauge(
    "grassroots_dependency_up",
    "1 when a dependency answered its last check",
    ["service", "dependency"],
)
OUTBOX_BACKLOG = Gauge(
    "grassroots_outbox_backlog", "Events written but not yet published", ["service"]
)
OUTBOX_OLDEST_AGE = Gauge(
    "grassroots_outbox_oldest_unsent_seconds", "Age of the oldest unpublished event", ["service"]
)
OUTBOX_PUBLISHED = Counter(
    "grassroots_outbox_published_total", "Events published with a broker confirm", ["service"]
)
EVENTS_HANDLED = Counter(
    "grassroots_events_handled_total", "Events handled by consumers", ["queue", "outcome"]
)
EVENT_HANDLING_SECONDS = Histogram(
    "grassroots_event_handling_seconds", "Time from receipt to commit of an event", ["queue"]
)
EVENTS_DEAD_LETTERED = Counter(
    "grassroots_events_dead_lettered_total", "Messages parked in a dead-letter queue", ["queue"]
)
