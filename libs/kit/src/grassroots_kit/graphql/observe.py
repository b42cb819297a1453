"""Operation metrics for a subgraph: count and latency by operation name and outcome, one span
and one log line per operation."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from prometheus_client import Counter, Histogram

from grassroots_kit import tracing
from grassroots_kit.metrics import GRAPHQL_LATENCY, GRAPHQL_OPERATIONS

if TYPE_CHECKING:
    from opentelemetry.trace import Span

log = logging.getLogger("grassroots.graphql")


def operation_label(name: str | None) -> str:
    # Capped at 64 characters like the metric label.
    if name is None:
        return "anonymous"
    return "long" if len(name) > 64 else name


class OperationRecorder:
    """Records finished operations of one service."""

    def __init__(self, service: str) -> None:
        self._service = service
        # Labelled children by (operation, outcome), looked up once: `labels()` locks and
        # builds its key on every call.
        self._children: dict[tuple[str, str], tuple[Counter, Histogram]] = {}

    def record(self, name: str | None, *, failed: bool, seconds: float, span: Span | None) -> None:
        label = operation_label(name)
        outcome = "error" if failed else "ok"
        if span is not None:
            tracing.name_operation_span(span, label, failed=failed)
        found = self._children.get((label, outcome))
        if found is None:
            found = (
                GRAPHQL_OPERATIONS.labels(self._service, label, outcome),
                GRAPHQL_LATENCY.labels(self._service, label),
            )
            self._children[(label, outcome)] = found
        found[0].inc()
        found[1].observe(seconds)
        # One line per operation; the formatter adds the request id. No variables: they may
        # carry personal data.
        log.info(
            "graphql operation",
            extra={"operation": label, "outcome": outcome, "ms": round(seconds * 1000, 1)},
        )
