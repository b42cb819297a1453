"""Expected failures reach the client with their `extensions.code`; anything else is masked."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from graphql import GraphQLError

from grassroots_kit.errors import UserError

log = logging.getLogger(__name__)

MASKED_MESSAGE = "Internal server error; it has been logged."


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    if original is None or isinstance(original, UserError | GraphQLError):
        return False
    log.error(
        "unexpected error in resolver",
        exc_info=(type(original), original, original.__traceback__),
        extra={"path": error.path},
    )
    return True


def mask_unexpected(errors: Sequence[GraphQLError]) -> list[GraphQLError]:
    """The errors a client may see: an unexpected exception is logged with its stack trace and
    replaced by a bare message at the same place in the document and the result."""
    return [
        GraphQLError(
            MASKED_MESSAGE,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
        )
        if _should_mask(error)
        else error
        for error in errors
    ]
