"""Expected failures reach the client with their `extensions.code`; anything else is masked."""

from __future__ import annotations

import logging

from graphql import GraphQLError
from strawberry.extensions import MaskErrors

from grassroots_kit.errors import UserError

log = logging.getLogger(__name__)


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


def mask_unexpected_errors() -> MaskErrors:
    """Unexpected exceptions reach the client as a bare message, never a stack trace."""
    return MaskErrors(
        should_mask_error=_should_mask,
        error_message="Internal server error; it has been logged.",
    )
