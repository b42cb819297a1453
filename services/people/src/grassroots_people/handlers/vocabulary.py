"""The vocabulary of the graph's enums (grassroots_contracts.vocabulary) in a language.

Enum values are stable codes; what a person reads is the label and description of each code,
translated from the contracts package's catalog. No store is involved and nothing is personal,
so anyone may read it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from grassroots_contracts.vocabulary import VOCABULARY
from grassroots_kit.errors import BadUserInput
from grassroots_kit.i18n import Locale, catalogs, msg

# The labels' translations, for every process that serves the vocabulary.
catalogs.load("grassroots_contracts")


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    code: str
    label: str
    description: str


def entries(kinds: Sequence[str] | None, locale: Locale) -> list[Entry]:
    """Every code of `kinds` (each once, in the order asked; all kinds if None) in `locale`."""
    wanted = list(dict.fromkeys(kinds)) if kinds is not None else list(VOCABULARY)
    for kind in wanted:
        if kind not in VOCABULARY:
            raise BadUserInput(
                msg(
                    "there is no vocabulary of kind {kind}; a kind is the name of an enum of the "
                    "graph, such as CaseStatus",
                    kind=kind,
                ),
                field="kinds",
            )
    return [
        Entry(
            kind=kind,
            code=code,
            label=catalogs.translate(term.label, locale),
            description=catalogs.translate(term.description, locale),
        )
        for kind in wanted
        for code, term in VOCABULARY[kind].items()
    ]
