"""The one schema extension every subgraph runs.

Per operation it parses and validates each distinct document once, records the operation
(metrics, span, log line), gives variable errors their BAD_USER_INPUT code and masks unexpected
exceptions. One extension instead of one per concern: Strawberry builds every extension afresh
for each request and walks each of them in every phase, a measurable share of a cheap request.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Iterator

from graphql import parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from grassroots_kit import tracing
from grassroots_kit.graphql.errors import mask_unexpected
from grassroots_kit.graphql.input_errors import code_input_errors
from grassroots_kit.graphql.observe import OperationRecorder

# Front ends send the same few operations over and over; without these caches validation took
# about half of a subgraph's time per request. Bounded, so that unique query texts cannot grow
# memory without limit.
DOCUMENT_CACHE_SIZE = 512
_parse = functools.lru_cache(maxsize=DOCUMENT_CACHE_SIZE)(parse)
_validate = functools.lru_cache(maxsize=DOCUMENT_CACHE_SIZE)(validate_document)


def subgraph_extensions(service: str) -> list[Callable[[], SchemaExtension]]:
    recorder = OperationRecorder(service)

    class SubgraphOperation(SchemaExtension):
        def on_operation(self) -> Iterator[None]:
            started = time.perf_counter()
            context = self.execution_context
            with tracing.internal_span("graphql operation") as span:
                yield
                result = context.result
                errors = result.errors if result is not None else None
                if errors:
                    code_input_errors(errors)
                recorder.record(context, time.perf_counter() - started, span)
            if result is not None and errors:
                result.errors = mask_unexpected(errors)

        def on_parse(self) -> Iterator[None]:
            context = self.execution_context
            if context.query is not None:
                context.graphql_document = _parse(context.query, **context.parse_options)
            yield

        def on_validate(self) -> Iterator[None]:
            context = self.execution_context
            assert context.graphql_document is not None
            context.pre_execution_errors = _validate(
                context.schema._schema, context.graphql_document, context.validation_rules
            )
            yield

    return [SubgraphOperation]
