"""Expected failures with stable codes; the GraphQL layer turns them into `extensions.code`."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from grassroots_kit.i18n import Text


class ErrorCode(StrEnum):
    BAD_USER_INPUT = "BAD_USER_INPUT"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    CONFLICT = "CONFLICT"
    INVALID_TRANSITION = "INVALID_TRANSITION"
    RATE_LIMITED = "RATE_LIMITED"


class UserError(Exception):
    """An expected failure that the caller can act on. graphql-core copies `extensions`.

    `message` is a `msg(...)` text: the exception reads in English (logs), and the GraphQL layer
    sends it in the request's locale (graphql/errors.py), with the same `extensions.code`.
    """

    code: ErrorCode = ErrorCode.BAD_USER_INPUT

    def __init__(self, message: Text, *, field: str | None = None, **details: Any) -> None:
        # A plain string (from code outside the services, which tests/static/test_catalogs.py
        # does not see) still answers, untranslated, rather than failing the request.
        self.text = message if isinstance(message, Text) else Text(str(message))
        self.message = str(message)
        super().__init__(self.message)
        self.extensions: dict[str, Any] = {"code": str(self.code), **details}
        if field is not None:
            self.extensions["field"] = field


class BadUserInput(UserError):
    code = ErrorCode.BAD_USER_INPUT


class Unauthenticated(UserError):
    code = ErrorCode.UNAUTHENTICATED


class Forbidden(UserError):
    code = ErrorCode.FORBIDDEN


class NotFound(UserError):
    code = ErrorCode.NOT_FOUND


class Conflict(UserError):
    code = ErrorCode.CONFLICT


class InvalidTransition(UserError):
    code = ErrorCode.INVALID_TRANSITION


class RateLimited(UserError):
    """Too many attempts, or too much work waiting: `retryAfterSeconds` says when to retry."""

    code = ErrorCode.RATE_LIMITED
