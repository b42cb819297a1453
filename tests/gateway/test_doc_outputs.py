"""The docs' curl examples that show their answer are run as written against a real gateway, and
the answer must be the one shown: a reader who copies one gets what the docs say."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.gateway.conftest import Gateway
from tests.support.stack import ROOT

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
LOCAL = "http://localhost:4000/graphql"


@dataclass(frozen=True)
class Example:
    where: str
    command: list[str]
    answer: object


def examples(path: Path) -> list[Example]:
    """Each `curl` line followed by `# ` lines that hold its JSON answer."""
    found = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines):
        if not line.startswith("curl ") or LOCAL not in line:
            continue
        shown = []
        for following in lines[number + 1 :]:
            if not following.startswith("# "):
                break
            shown.append(following[2:].strip())
        if shown:
            where = f"{path.relative_to(ROOT)}:{number + 1}"
            found.append(Example(where, shlex.split(line), json.loads("".join(shown))))
    return found


ALL = [example for path in DOCS for example in examples(path)]


def test_the_docs_show_answers_to_check():
    assert len(ALL) >= 4, [e.where for e in ALL]
    assert {e.where.split(":")[0] for e in ALL} >= {"README.md", "docs/graph.md"}


def _request(command: list[str]) -> tuple[dict[str, str], str]:
    headers: dict[str, str] = {}
    body = ""
    args = iter(command[1:])
    for arg in args:
        if arg == "-H":
            name, _, value = next(args).partition(":")
            headers[name.strip().lower()] = value.strip()
        elif arg == "-d":
            body = next(args)
    return headers, body


@pytest.mark.parametrize("example", ALL, ids=lambda e: e.where)
def test_a_documented_answer_is_what_the_gateway_answers(gateway: Gateway, example: Example):
    headers, body = _request(example.command)

    response = httpx.post(gateway.url, content=body.encode(), headers=headers, timeout=30)

    assert response.json() == example.answer, example.where
