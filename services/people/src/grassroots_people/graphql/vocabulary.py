"""`vocabulary`: the label and description of every enum code, in the caller's language."""

from __future__ import annotations

from typing import Annotated

import strawberry
from grassroots_kit.graphql.locale import GraphLocale, chosen_locale

from grassroots_people.handlers import vocabulary


@strawberry.type(description="What one code of an enum means, in a language.")
class VocabularyTerm:
    kind: str = strawberry.field(description="The enum's name in the graph, e.g. CaseStatus.")
    code: str = strawberry.field(description="The enum value, as fields return it.")
    label: str = strawberry.field(description="A short name to show for the code.")
    description: str = strawberry.field(description="One sentence on what the code means.")


def resolve_vocabulary(
    kinds: Annotated[
        list[str] | None,
        strawberry.argument(description="Enum names to describe; all of them if left out."),
    ] = None,
    locale: Annotated[
        GraphLocale | None,
        strawberry.argument(
            description="The language; the request's (its Accept-Language) if left out."
        ),
    ] = None,
) -> list[VocabularyTerm]:
    return [
        VocabularyTerm(
            kind=entry.kind, code=entry.code, label=entry.label, description=entry.description
        )
        for entry in vocabulary.entries(kinds, chosen_locale(locale))
    ]
