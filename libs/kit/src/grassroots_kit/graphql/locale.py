"""The `Locale` enum of the graph: a field that answers in a language takes one.

Every subgraph that takes a locale argument declares this same enum, so the supergraph composes;
a missing argument means the request's locale (`Accept-Language`, else `DEFAULT_LOCALE`).
"""

from __future__ import annotations

from enum import Enum

import strawberry

from grassroots_kit.i18n import Locale, current_locale

__all__ = ["GraphLocale", "chosen_locale"]


@strawberry.enum(name="Locale", description="A language the graph answers in.")
class GraphLocale(Enum):
    ZH_CN = "zh-CN"
    EN = "en"


def chosen_locale(asked: GraphLocale | None) -> Locale:
    """The locale an argument asks for, else the request's."""
    if asked is GraphLocale.ZH_CN:
        return "zh-CN"
    if asked is GraphLocale.EN:
        return "en"
    return current_locale.get()
