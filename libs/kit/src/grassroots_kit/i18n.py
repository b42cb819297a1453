"""Languages: which locale a request asked for, and messages translated into it.

Every text a person reads from a service is written in English in the code, marked with `msg()`
(a template with named fields), and translated from gettext catalogs that Babel reads and
extracts: `<package>/locale/<locale>/LC_MESSAGES/messages.po`. The English text is the message id,
so an untranslated message still reads well; `tests/static/test_catalogs.py` makes sure none is.

The locale of a request comes from its `Accept-Language` header (the gateway forwards it), else the
service's `DEFAULT_LOCALE`; `RequestContextMiddleware` puts it in `current_locale` for the request.
"""

from __future__ import annotations

import contextvars
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any, Final, Literal, get_args

from babel.messages.pofile import read_po

__all__ = [
    "DEFAULT_LOCALE",
    "LOCALES",
    "Catalogs",
    "Locale",
    "Text",
    "catalogs",
    "current_locale",
    "label",
    "msg",
    "negotiate",
    "translate",
]

Locale = Literal["zh-CN", "en"]
LOCALES: Final[tuple[Locale, ...]] = get_args(Locale)
DEFAULT_LOCALE: Final[Locale] = "zh-CN"
SOURCE_LOCALE: Final[Locale] = "en"
"""The language the code is written in: its messages need no catalog."""

current_locale: contextvars.ContextVar[Locale] = contextvars.ContextVar(
    "locale", default=DEFAULT_LOCALE
)

_FORMATTER = string.Formatter()


def _catalog_dir(locale: Locale) -> str:
    """gettext's directory name for a locale: zh-CN → zh_CN."""
    return locale.replace("-", "_")


def negotiate(accept_language: str | None, default: Locale) -> Locale:
    """The supported locale an `Accept-Language` header prefers (RFC 9110 §12.5.4), else `default`.

    Any Chinese (`zh`, `zh-CN`, `zh-Hans`, `zh-TW`) is served zh-CN, the only Chinese there is;
    any English is served en. A malformed header is read as far as it makes sense.
    """
    if not accept_language:
        return default
    best: tuple[float, int, Locale] | None = None
    for position, part in enumerate(accept_language.split(",")[:20]):
        tag, _, params = part.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                continue
        if not 0 < quality <= 1:
            continue
        primary = tag.strip().lower().split("-", 1)[0]
        locale: Locale | None
        if primary == "zh":
            locale = "zh-CN"
        elif primary == "en":
            locale = "en"
        elif primary == "*":
            locale = default
        else:
            locale = None
        # Highest quality wins; among equals, the first listed.
        if locale is not None and (best is None or quality > best[0]):
            best = (quality, position, locale)
    return best[2] if best is not None else default


@dataclass(frozen=True, slots=True)
class Text:
    """A message to translate: an English template with named fields, and their values.

    `str(text)` is the English sentence (logs, exceptions); `text.render(locale)` the translation.
    """

    template: str
    params: Mapping[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.render(SOURCE_LOCALE)

    def render(self, locale: Locale | None = None) -> str:
        chosen = locale or current_locale.get()
        return _fill(translate(self.template, chosen), self.params, chosen)


def _fill(template: str, params: Mapping[str, Any], locale: Locale) -> str:
    """A field bound to a `Text` (a role's or a field's name, a phrase) reads in the same
    locale as the sentence around it."""
    if not params:
        return template
    return template.format_map(
        {k: v.render(locale) if isinstance(v, Text) else v for k, v in params.items()}
    )


def msg(template: str, /, **params: Any) -> Text:
    """Marks `template` for translation (Babel extracts `msg("...")`) and binds its fields.

    Fields are named (`{count}`), never positional, so a translation can put them in its own order.
    """
    return Text(template, params)


def label(text: str, /) -> str:
    """Marks a fixed text for translation (Babel extracts `label("...")`) and returns it as is:
    translate it where it is shown, with `translate(text)`."""
    return text


def fields_of(template: str) -> frozenset[str]:
    """The named fields a template uses, so a test can hold a translation to the same ones."""
    return frozenset(
        name.split(".", 1)[0].split("[", 1)[0]
        for _, name, _, _ in _FORMATTER.parse(template)
        if name is not None
    )


class Catalogs:
    """The translations of every loaded package, by locale: English message id → translation."""

    def __init__(self) -> None:
        self._messages: dict[Locale, dict[str, str]] = {locale: {} for locale in LOCALES}
        self._packages: set[str] = set()

    def load(self, package: str) -> None:
        """Reads `package`'s catalogs, `locale/<ll_CC>/LC_MESSAGES/messages.po`, once."""
        if package in self._packages:
            return
        self._packages.add(package)
        root = resources.files(package).joinpath("locale")
        for locale in LOCALES:
            if locale == SOURCE_LOCALE:
                continue
            po = root.joinpath(_catalog_dir(locale), "LC_MESSAGES", "messages.po")
            if not po.is_file():
                continue
            with po.open("rb") as file:
                catalog = read_po(file, locale=_catalog_dir(locale))
            for message in catalog:
                translated = message.string and not message.fuzzy
                if isinstance(message.id, str) and message.id and translated:
                    self._messages[locale][message.id] = str(message.string)

    def load_all(self, packages: Iterable[str]) -> None:
        for package in packages:
            self.load(package)

    def translate(self, message_id: str, locale: Locale) -> str:
        if locale == SOURCE_LOCALE:
            return message_id
        return self._messages[locale].get(message_id, message_id)

    def has(self, message_id: str, locale: Locale) -> bool:
        return locale == SOURCE_LOCALE or message_id in self._messages[locale]


catalogs = Catalogs()
catalogs.load("grassroots_kit")


def translate(message_id: str, locale: Locale | None = None) -> str:
    """`message_id` (an English text) in `locale`, or in the request's locale."""
    return catalogs.translate(message_id, locale or current_locale.get())
