"""How a subgraph runs a GraphQL operation, on either of its two paths.

Every operation is parsed and validated once per distinct document, recorded (metrics, span,
log line), has its variable errors coded BAD_USER_INPUT and its unexpected exceptions masked.

- The short path (`execute`) is what the subgraph view takes for a single operation POSTed as
  JSON, nearly every request: the cached document goes straight to graphql-core. Strawberry's
  own `Schema.execute` around the same call (an execution context, an extension runner and
  four phases of hooks per request) cost as much again as executing a one-field query.
- Everything else (Strawberry's view for the requests the short path leaves to it, a test
  calling `schema.execute`) runs through Strawberry, where `extensions()` does the same work.

Both paths answer alike: tests/kit/unit/test_graphql_view.py sends the same requests to both
and requires the same bytes back.
"""

from __future__ import annotations

import functools
import time
from collections.abc import Awaitable, Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, cast

from graphql import ExecutionResult as CoreResult
from graphql import GraphQLError, NoSchemaIntrospectionCustomRule, execute, parse, specified_rules
from strawberry.execution.is_awaitable import optimized_is_awaitable
from strawberry.extensions import SchemaExtension
from strawberry.schema import Schema
from strawberry.schema._graphql_core import ResultType
from strawberry.schema.exceptions import CannotGetOperationTypeError
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionResult
from strawberry.utils.operation import get_first_operation, get_operation_type

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
# What Strawberry validates with unless told otherwise (its ExecutionContext's default).
_RULES = tuple(specified_rules)
_RULES_WITHOUT_INTROSPECTION = (*_RULES, NoSchemaIntrospectionCustomRule)
# Off for a production request (set per request by grassroots_kit.gateway_signature): nobody
# needs `__schema` from a subgraph there, the gateway composes offline. `_service` still answers.
introspection_allowed: ContextVar[bool] = ContextVar("introspection_allowed", default=True)


@dataclass(frozen=True)
class OperationRequest:
    """One operation as a client sent it."""

    query: str
    variables: dict[str, Any] | None = None
    operation_name: str | None = None
    extensions: dict[str, Any] | None = None


class SubgraphOperations:
    def __init__(self, service: str) -> None:
        self._recorder = OperationRecorder(service)

    async def execute(
        self, schema: Schema, request: OperationRequest, context: Any
    ) -> ExecutionResult:
        """Run one operation; raises CannotGetOperationTypeError, as Strawberry does, when the
        document has no operation of that name (or several and no name)."""
        started = time.perf_counter()
        with tracing.internal_span("graphql operation") as span:
            name, result = await self._run(schema, request, context)
            self._finish(name, result, started, span)
        return result

    async def _run(
        self, schema: Schema, request: OperationRequest, context: Any
    ) -> tuple[str | None, ExecutionResult]:
        operation_name = request.operation_name
        try:
            document = _parse(request.query)
        except Exception as error:  # a GraphQLError, or anything parse raised
            return operation_name, _failed(error)
        name = operation_name
        if name is None and (first := get_first_operation(document)) and first.name:
            name = first.name.value
        try:
            get_operation_type(document, operation_name)
        except RuntimeError as error:
            raise CannotGetOperationTypeError(operation_name) from error
        rules = _RULES if introspection_allowed.get() else _RULES_WITHOUT_INTROSPECTION
        if errors := _validate(schema._schema, document, rules):
            return name, ExecutionResult(data=None, errors=errors)
        try:
            outcome = execute(
                schema._schema,
                document,
                variable_values=request.variables,
                # Strawberry runs the first operation of a document with several when no name
                # is given (graphql-core alone would refuse); so does this path.
                operation_name=name,
                context_value=context,
                is_awaitable=cast("Any", optimized_is_awaitable),
                executor_class=schema.execution_context_class,
                operation_extensions=request.extensions,
            )
            if optimized_is_awaitable(outcome):
                outcome = await cast("Awaitable[CoreResult]", outcome)
            result = cast("CoreResult", outcome)
        except Exception as error:  # Strawberry answers these the same way
            return name, _failed(error)
        return name, ExecutionResult(data=result.data, errors=result.errors)

    def _finish(
        self, name: str | None, result: ResultType | None, started: float, span: Any
    ) -> None:
        errors = getattr(result, "errors", None)
        if errors:
            code_input_errors(errors)
        self._recorder.record(
            name,
            failed=result is None or bool(errors),
            seconds=time.perf_counter() - started,
            span=span,
        )
        if errors:
            result.errors = mask_unexpected(errors)  # type: ignore[union-attr]

    def extensions(self) -> list[Callable[[], SchemaExtension]]:
        """The same work as one Strawberry extension, for operations run by `Schema.execute`.
        One extension rather than one per concern: Strawberry builds every extension afresh for
        each request and walks each of them in every phase."""
        operations = self

        class SubgraphOperation(SchemaExtension):
            def on_operation(self) -> Iterator[None]:
                started = time.perf_counter()
                context = self.execution_context
                with tracing.internal_span("graphql operation") as span:
                    yield
                    operations._finish(context.operation_name, context.result, started, span)

            def on_parse(self) -> Iterator[None]:
                context = self.execution_context
                if context.query is not None:
                    context.graphql_document = _parse(context.query, **context.parse_options)
                yield

            def on_validate(self) -> Iterator[None]:
                context = self.execution_context
                assert context.graphql_document is not None
                rules = tuple(context.validation_rules)
                if not introspection_allowed.get():
                    rules = (*rules, NoSchemaIntrospectionCustomRule)
                context.pre_execution_errors = _validate(
                    context.schema._schema, context.graphql_document, rules
                )
                yield

        return [SubgraphOperation]


def _failed(error: Exception) -> ExecutionResult:
    if not isinstance(error, GraphQLError):
        error = GraphQLError(str(error), original_error=error)
    return ExecutionResult(data=None, errors=[error])
