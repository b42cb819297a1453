"""The request bodies the docs tell readers to send with curl are valid JSON: a query broken over
several lines inside a JSON string is refused by the gateway before it reads the query."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.stack import ROOT

DOCS = [ROOT / "README.md", ROOT / "gateway" / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
# `-d '...'` as the shell reads it: everything up to the next single quote, newlines included.
BODY = re.compile(r"-d '([^']*)'")


def curl_bodies(path: Path) -> list[str]:
    return [match.group(1) for match in BODY.finditer(path.read_text())]


def test_the_docs_have_curl_examples() -> None:
    assert any(curl_bodies(path) for path in DOCS)


@pytest.mark.parametrize("path", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_curl_body_in_the_docs_is_json_with_a_query(path: Path) -> None:
    for body in curl_bodies(path):
        parsed = json.loads(body)
        assert isinstance(parsed.get("query"), str), body
