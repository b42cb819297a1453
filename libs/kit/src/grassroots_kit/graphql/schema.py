"""The schema class every subgraph uses."""

from __future__ import annotations

from typing import Any

from graphql import GraphQLError
from strawberry.federation import Schema
from strawberry.types import ExecutionContext

from grassroots_kit.graphql.config import subgraph_config
from grassroots_kit.graphql.operations import SubgraphOperations


class SubgraphSchema(Schema):
    """A Federation 2.9 schema whose operations run the way `SubgraphOperations` says."""

    def __init__(self, *, service: str, **options: Any) -> None:
        self.operations = SubgraphOperations(service)
        super().__init__(
            federation_version="2.9",
            extensions=self.operations.extensions(),
            config=subgraph_config(),
            **options,
        )

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # Strawberry logs every error of an operation at ERROR with its stack trace, a caller's
        # FORBIDDEN or NOT_FOUND included. The operation's log line records that it failed, and
        # an unexpected exception is logged once, where it is masked (graphql/errors.py).
        return
