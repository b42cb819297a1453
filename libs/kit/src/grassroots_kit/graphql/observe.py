"""Operation metrics for a subgraph: count and latency by operation name and outcome."""

from __future__ import annotations

import time
from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from grassroots_kit.metrics import GRAPHQL_LATENCY, GRAPHQL_OPERATIONS


def operation_metrics(service: str) -> type[SchemaExtension]:
    class OperationMetrics(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            started = time.perf_counter()
            yield
            context = self.execution_context
            name = context.operation_name or "anonymous"
            if len(name) > 64:
                name = "long"
            outcome = "error" if context.result is None or context.result.errors else "ok"
            GRAPHQL_OPERATIONS.labels(service, name, outcome).inc()
            GRAPHQL_LATENCY.labels(service, name).observe(time.perf_counter() - started)

    return OperationMetrics
