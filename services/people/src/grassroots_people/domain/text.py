"""Text that can be stored: MongoDB keeps UTF-8, so a lone surrogate is refused up front."""

from __future__ import annotations

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import Text, msg

# How a message names an input field to the person who filled it in: the English is the
# GraphQL field, as before; zh-CN reads the form's label (locale/zh_CN/.../messages.po).
_FIELD_NAMES: dict[str, Text] = {
    "name": msg("name"),
    "title": msg("title"),
    "address": msg("address"),
    "phone": msg("phone"),
    "password": msg("password"),
    "needs": msg("needs"),
    "notes": msg("notes"),
    "text": msg("text"),
    "evidence": msg("evidence"),
}


def field_name(field: str) -> Text:
    """The name of an input field in a message; a field without one reads as itself."""
    return _FIELD_NAMES.get(field) or Text(field)


def require_encodable(value: str, field: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadUserInput(
            msg("{field} contains characters that are not valid text", field=field_name(field)),
            field=field,
        ) from None
    return value
