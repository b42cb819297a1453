"""Every code of every enum in the composed graph has words: a label and a description in English
(grassroots_contracts.vocabulary) and their zh-CN translations (the contracts catalog), so a client
never has to show a bare code such as IN_PROGRESS."""

from __future__ import annotations

from collections.abc import Mapping

from graphql import EnumTypeDefinitionNode, parse
from grassroots_contracts.vocabulary import VOCABULARY, Term
from grassroots_kit.i18n import LOCALES, Catalogs

from tests.support.stack import ROOT

SUPERGRAPH = ROOT / "gateway" / "supergraph.graphql"


def graph_enums(sdl: str) -> dict[str, list[str]]:
    """The enums of a supergraph and their values, without federation's own (`join__Graph`)."""
    return {
        node.name.value: [value.name.value for value in node.values or ()]
        for node in parse(sdl).definitions
        if isinstance(node, EnumTypeDefinitionNode) and "__" not in node.name.value
    }


def missing_words(
    sdl: str, vocabulary: Mapping[str, Mapping[str, Term]], catalogs: Catalogs
) -> list[str]:
    missing: list[str] = []
    for kind, codes in graph_enums(sdl).items():
        for code in codes:
            term = vocabulary.get(kind, {}).get(code)
            if term is None or not term.label.strip() or not term.description.strip():
                missing.append(f"{kind}.{code}: no label or description")
                continue
            for locale in LOCALES:
                for text in (term.label, term.description):
                    if not catalogs.has(text, locale) or not catalogs.translate(text, locale):
                        missing.append(f"{kind}.{code} [{locale}]: {text!r} not translated")
    return missing


def _contracts_catalogs() -> Catalogs:
    catalogs = Catalogs()
    catalogs.load("grassroots_contracts")
    return catalogs


def test_every_enum_value_of_the_graph_has_a_label_and_description_in_every_locale() -> None:
    assert missing_words(SUPERGRAPH.read_text(), VOCABULARY, _contracts_catalogs()) == []


def test_the_graph_has_enums_to_check() -> None:
    enums = graph_enums(SUPERGRAPH.read_text())
    assert {"CaseStatus", "CaseCategory", "OrgUnitKind", "Role"} <= enums.keys()
    assert "join__Graph" not in enums
    assert "link__Purpose" not in enums


def test_a_new_value_or_an_untranslated_label_is_caught() -> None:
    sdl = "enum CaseStatus { REPORTED WAITING }\nenum Mood { CALM }\nenum join__Graph { PEOPLE }\n"
    vocabulary = {
        "CaseStatus": VOCABULARY["CaseStatus"],
        "Mood": {"CALM": Term("Calm", "Nothing to report.")},
    }
    assert missing_words(sdl, vocabulary, _contracts_catalogs()) == [
        "CaseStatus.WAITING: no label or description",
        "Mood.CALM [zh-CN]: 'Calm' not translated",
        "Mood.CALM [zh-CN]: 'Nothing to report.' not translated",
    ]


def test_the_rural_rungs_have_words_before_the_schema_has_them() -> None:
    kinds = VOCABULARY["OrgUnitKind"]
    catalogs = _contracts_catalogs()
    assert catalogs.translate(kinds["TOWN"].label, "zh-CN") == "乡镇"
    assert catalogs.translate(kinds["VILLAGE"].label, "zh-CN") == "行政村"


def test_one_english_label_has_one_meaning():
    """A catalog translates an English text one way: two terms may share a label only when they
    mean the same thing (a case's level is named as the rung of the ladder it sits on)."""
    from collections import defaultdict

    from grassroots_contracts.vocabulary import VOCABULARY

    sharing: dict[str, set[str]] = defaultdict(set)
    for kind, terms in VOCABULARY.items():
        for term in terms.values():
            sharing[term.label].add(kind)
    shared = {label: kinds for label, kinds in sharing.items() if len(kinds) > 1}
    assert all(kinds == {"CaseLevel", "OrgUnitKind"} for kinds in shared.values()), shared
