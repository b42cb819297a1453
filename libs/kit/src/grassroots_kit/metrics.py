"""Prometheus metrics every service exposes at /metrics.

docs/operations.md lists them with their meaning; deploy/observability/ builds the dashboard and
the alert rules on them, and tests/ops checks that both name only metrics defined here.
"""

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
DEPENDENCY_CHECK_SECONDS = Gauge(
    "grassroots_dependency_check_seconds",
    "How long the last health check of a dependency took",
    ["service", "dependency"],
)
MONGODB_COMMANDS = Histogram(
    "grassroots_mongodb_command_seconds",
    "MongoDB commands sent by the service and their latency",
    ["service", "command"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0),
)
MONGODB_COMMAND_FAILURES = Counter(
    "grassroots_mongodb_command_failures_total",
    "MongoDB commands that failed (server errors, timeouts, lost connections)",
    ["service", "command"],
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
DOMAIN_EVENTS = Counter(
    "grassroots_domain_events_total",
    "Domain events published from the outbox, by CloudEvent type",
    ["service", "type"],
)
EVENTS_HANDLED = Counter(
    "grassroots_events_handled_total", "Events handled by consumers", ["queue", "outcome"]
)
EVENT_HANDLING_SECONDS = Histogram(
    "grassroots_event_handling_seconds", "Time from receipt to commit of an event", ["queue"]
)
EVENT_BATCH_SIZE = Histogram(
    "grassroots_event_batch_size",
    "Events a consumer applied in one transaction",
    ["queue"],
    buckets=(1, 2, 4, 8, 16, 32, 64, 128, 256),
)
EVENTS_DEAD_LETTERED = Counter(
    "grassroots_events_dead_lettered_total", "Messages parked in a dead-letter queue", ["queue"]
)
QUEUE_READY = Gauge(
    "grassroots_queue_messages_ready",
    "Messages waiting in a consumed queue (consumer lag), sampled periodically",
    ["service", "queue"],
)
DEAD_LETTER_READY = Gauge(
    "grassroots_dead_letter_queue_messages",
    "Messages parked in a queue's dead-letter queue, sampled periodically",
    ["service", "queue"],
)
LIVE_SUBSCRIBERS = Gauge(
    "grassroots_live_subscribers",
    "Open live subscriptions (GraphQL subscriptions) on this replica.",
    ["service"],
)
LIVE_FELL_BEHIND = Counter(
    "grassroots_live_fell_behind_total",
    "Live subscriptions ended because their client did not keep up with the events.",
    ["service"],
)
