"""Variables that do not fit the schema (an unknown enum value, a missing field) are the
caller's mistake: they reach the client with `extensions.code` BAD_USER_INPUT like every other
expected failure, instead of as an error without a code."""

from __future__ import annotations

from collections.abc import Iterable

from graphql import GraphQLError

from grassroots_kit.errors import ErrorCode


def code_input_errors(errors: Iterable[GraphQLError]) -> None:
    for error in errors:
        if error.path is None and error.message.startswith("Variable '$"):
            extensions = dict(error.extensions or {})
            extensions.setdefault("code", str(ErrorCode.BAD_USER_INPUT))
            error.extensions = extensions
