"""Expected failures reach the client with their `extensions.code`; anything else is masked."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from graphql import GraphQLError

from grassroots_kit.errors import UserError
from grassroots_kit.i18n import label, translate

log = logging.getLogger(__name__)

MASKED_MESSAGE = label("Internal server error; it has been logged.")


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


def _client_error(error: GraphQLError) -> GraphQLError:
    if _should_mask(error):
        # Nothing of the exception goes out: no message, no extensions.
        return GraphQLError(
            translate(MASKED_MESSAGE),
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
        )
    original = error.original_error
    if not isinstance(original, UserError):
        return error
    return GraphQLError(
        original.text.render(),
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=original,
        extensions=error.extensions,
    )


def mask_unexpected(errors: Sequence[GraphQLError]) -> list[GraphQLError]:
    """The errors a client may see, in the request's locale: an expected failure keeps its
    `extensions`, and an unexpected exception is logged with its stack trace and replaced by a bare
    message at the same place in the document and the result."""
    return [_client_error(error) for error in errors]
