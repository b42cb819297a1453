"""Message catalogs (`make catalogs`): extract every `msg("...")` of a package with Babel and merge
the result into its zh_CN catalog, keeping the translations already made.

    python scripts/catalogs.py           # update every package's catalog
    python scripts/catalogs.py --check   # exit 1 if a catalog is out of date or incomplete

A new message arrives untranslated (an empty `msgstr`); `--check` (run by `make schema-check` and
tests/static/test_catalogs.py) refuses it until it is translated, and refuses a translation whose
`{fields}` differ from the English ones. A message no longer in the code is dropped.
"""

from __future__ import annotations

import argparse
import io
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent

# Package import name → its source directory; each has locale/zh_CN/LC_MESSAGES/messages.po.
PACKAGES: dict[str, Path] = {
    "grassroots_kit": ROOT / "libs/kit/src/grassroots_kit",
    "grassroots_contracts": ROOT / "libs/contracts/src/grassroots_contracts",
    "grassroots_cases": ROOT / "services/cases/src/grassroots_cases",
    "grassroots_people": ROOT / "services/people/src/grassroots_people",
    "grassroots_points": ROOT / "services/points/src/grassroots_points",
    "grassroots_participation": ROOT / "services/participation/src/grassroots_participation",
    "grassroots_notifications": ROOT / "services/notifications/src/grassroots_notifications",
}
TRANSLATED_LOCALES = ("zh_CN",)
KEYWORDS = {"msg": None, "label": None}
"""`msg(template, **fields)` marks messages; `label(text)` fixed texts such as vocabulary labels."""


@dataclass(frozen=True)
class Problem:
    package: str
    locale: str
    message: str
    why: str

    def __str__(self) -> str:
        return f"{self.package} [{self.locale}] {self.why}: {self.message!r}"


def extract(source: Path) -> Catalog:
    """Every marked message in `source`, with where it occurs."""
    template = Catalog(project="Grassroots", charset="utf-8", fuzzy=False)
    found = extract_from_dir(
        str(source),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=("Translators:",),
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        template.add(
            message,
            None,
            [(str(Path(source.name) / filename), lineno)],
            auto_comments=comments,
            context=context,
        )
    return template


def catalog_path(source: Path, locale: str) -> Path:
    return source / "locale" / locale / "LC_MESSAGES" / "messages.po"


def read(path: Path, locale: str) -> Catalog:
    if not path.is_file():
        return Catalog(locale=locale, project="Grassroots", charset="utf-8", fuzzy=False)
    with path.open("rb") as file:
        return read_po(file, locale=locale)


def merged(template: Catalog, existing: Catalog, locale: str) -> Catalog:
    """The template's messages with the existing translations; no fuzzy matching, so a changed
    English text is untranslated until someone translates it again."""
    result = Catalog(locale=locale, project="Grassroots", charset="utf-8", fuzzy=False)
    for message in template:
        if not message.id:
            continue
        old = existing.get(message.id, context=message.context)
        result.add(
            message.id,
            old.string if old is not None and not old.fuzzy else "",
            message.locations,
            auto_comments=message.auto_comments,
            context=message.context,
        )
    return result


def rendered(catalog: Catalog) -> bytes:
    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=True, sort_output=True, include_lineno=False)
    return out.getvalue()


def _fields(text: str) -> frozenset[str]:
    from grassroots_kit.i18n import fields_of

    return fields_of(text)


def problems(package: str, source: Path, locale: str, catalog: Catalog) -> Iterator[Problem]:
    for message in catalog:
        if not message.id:
            continue
        english = str(message.id)
        if not message.string:
            yield Problem(package, locale, english, "not translated")
        elif _fields(english) != _fields(str(message.string)):
            yield Problem(package, locale, english, "translation has other {fields}")


def disagreements(found: dict[str, dict[str, str]]) -> Iterator[str]:
    """English texts that two packages translate differently. The kit merges every package's
    catalog into one lookup, so one English text must read one way everywhere."""
    for english, by_package in sorted(found.items()):
        if len(set(by_package.values())) > 1:
            yield f"translated differently: {english!r}: {by_package}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; report problems")
    args = parser.parse_args()
    failed = False
    translations: dict[str, dict[str, str]] = {}
    for package, source in PACKAGES.items():
        template = extract(source)
        for locale in TRANSLATED_LOCALES:
            path = catalog_path(source, locale)
            current = path.read_bytes() if path.is_file() else b""
            catalog = merged(template, read(path, locale), locale)
            wanted = rendered(catalog)
            if args.check:
                if current != wanted:
                    print(f"{path.relative_to(ROOT)} is out of date: run `make catalogs`")
                    failed = True
            elif current != wanted:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(wanted)
                print(f"wrote {path.relative_to(ROOT)}")
            for problem in problems(package, source, locale, catalog):
                print(problem)
                failed = True
            for message in catalog:
                if message.id and message.string:
                    key = f"{locale}:{message.id}"
                    translations.setdefault(key, {})[package] = str(message.string)
    for line in disagreements(translations):
        print(line)
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
