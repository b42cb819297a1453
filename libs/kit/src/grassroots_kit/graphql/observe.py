"""Operation metrics for a subgraph: count and latency by operation name and outcome."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator

from prometheus_client import Counter, Histogram
from strawberry.extensions import ParserCache, SchemaExtension, ValidationCache

from grassroots_kit import tracing
from grassroots_kit.metrics import GRAPHQL_LATENCY, GRAPHQL_OPERATIONS

log = logging.getLogger("grassroots.graphql")


def operation_metrics(service: str) -> type[SchemaExtension]:
    # Labelled children by (operation, outcome), looked up once: `labels()` locks and builds
    # its key on every call. Names are capped at 64 characters like the label itself.
    children: dict[tuple[str, str], tuple[Counter, Histogram]] = {}

    def record(name: str, outcome: str, seconds: float) -> None:
        found = children.get((name, outcome))
        if found is None:
            found = (
                GRAPHQL_OPERATIONS.labels(service, name, outcome),
                GRAPHQL_LATENCY.labels(service, name),
            )
            children[(name, outcome)] = found
        found[0].inc()
        found[1].observe(seconds)

    class OperationMetrics(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            started = time.perf_counter()
            with tracing.internal_span("graphql operation") as span:
                yield
                context = self.execution_context
                name = context.operation_name or "anonymous"
                if len(name) > 64:
                    name = "long"
                outcome = "error" if context.result is None or context.result.errors else "ok"
                if span is not None:
                    span.update_name(f"graphql {name}")
                    span.set_attribute("graphql.operation.name", name)
                    if outcome == "error":
                        tracing.mark_error(span, "the operation returned errors")
            elapsed = time.perf_counter() - started
            record(name, outcome, elapsed)
            # One line per operation; the formatter adds the request id. No variables: they
            # may carry personal data.
            log.info(
                "graphql operation",
                extra={"operation": name, "outcome": outcome, "ms": round(elapsed * 1000, 1)},
            )

    return OperationMetrics


def document_caches() -> list[Callable[[], SchemaExtension]]:
    """Parse and validate each distinct document once, not on every request.

    Front ends send the same few operations over and over; profiling showed validation taking
    about half of a subgraph's time per request without these caches.
    """
    # Factories: Strawberry builds fresh extensions per request; the caches themselves live at
    # module level, keyed by size, so every request shares them.
    return [lambda: ParserCache(maxsize=512), lambda: ValidationCache(maxsize=512)]
