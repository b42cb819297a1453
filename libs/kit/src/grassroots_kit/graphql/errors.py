"""Expected failures reach the client with their `extensions.code`; anything else is masked."""

from __future__ import annotations

import logging
from typing import Any, cast

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


class _MaskErrors(MaskErrors):
    def _process_result(self, result: object) -> None:
        # Strawberry's own checks `isinstance(result, <runtime Protocol>)` on every result, a
        # structural check that cost ~2% of a cheap request; an `errors` attribute is the same
        # test.
        errors = getattr(result, "errors", None)
        if errors:
            cast("Any", result).errors = self._process_errors(errors)


def mask_unexpected_errors() -> MaskErrors:
    """Unexpected exceptions reach the client as a bare message, never a stack trace."""
    return _MaskErrors(
        should_mask_error=_should_mask,
        error_message="Internal server error; it has been logged.",
    )
