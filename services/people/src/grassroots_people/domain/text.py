"""Text that can be stored: MongoDB keeps UTF-8, so a lone surrogate is refused up front."""

from __future__ import annotations

from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import msg


def require_encodable(value: str, field: str) -> str:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise BadUserInput(
            msg("{field} contains characters that are not valid text", field=field), field=field
        ) from None
    return value
