"""The committed SDL files and supergraph are what the code and the composition produce.

When one of these fails, run `python scripts/export_schemas.py` and commit what it changed.
"""

from __future__ import annotations

import difflib
import importlib
import shutil
import subprocess
from pathlib import Path

import pytest
import strawberry

REPO_ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("people", "cases", "points")
GATEWAY = REPO_ROOT / "gateway"
COMPOSE_SCRIPT = GATEWAY / "compose.mjs"
REGENERATE = "run `python scripts/export_schemas.py` and commit the result"
DIFF_LINES_SHOWN = 60


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("`node` (20 or newer) is not on PATH; it composes the supergraph")
    if not (GATEWAY / "node_modules" / "@theguild" / "federation-composition").is_dir():
        pytest.fail("gateway/node_modules is missing: run `npm ci --prefix gateway` first")
    return found


def run_compose(node: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [node, str(COMPOSE_SCRIPT), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def excerpt_of_diff(committed: str, expected: str, name: str) -> str:
    diff = list(
        difflib.unified_diff(
            committed.splitlines(),
            expected.splitlines(),
            fromfile=f"{name} (committed)",
            tofile=f"{name} (from the code)",
            lineterm="",
        )
    )
    shown = diff[:DIFF_LINES_SHOWN]
    if len(diff) > DIFF_LINES_SHOWN:
        shown.append(f"... {len(diff) - DIFF_LINES_SHOWN} more diff lines")
    return "\n".join(shown)


@pytest.mark.parametrize("service", SERVICES)
def test_committed_sdl_is_the_exported_schema(service: str) -> None:
    # given the subgraph's schema object and its committed SDL file
    schema = importlib.import_module(f"grassroots_{service}.graphql.schema").schema
    assert isinstance(schema, strawberry.federation.Schema)
    path = REPO_ROOT / "services" / service / "schema.graphql"
    assert path.is_file(), f"{path.relative_to(REPO_ROOT)} is missing: {REGENERATE}"

    # when the schema is exported
    expected = schema.as_str() + "\n"

    # then the committed file holds exactly that
    committed = path.read_text(encoding="utf-8")
    name = str(path.relative_to(REPO_ROOT))
    assert committed == expected, (
        f"{name} is stale: {REGENERATE}\n{excerpt_of_diff(committed, expected, name)}"
    )


def test_committed_subgraphs_compose(node: str) -> None:
    # when the committed SDL files are composed, writing nothing
    completed = run_compose(node, "--stdout")

    # then composition succeeds
    assert completed.returncode == 0, (
        f"the committed SDL files do not compose; fix the schemas, then {REGENERATE}\n"
        f"{completed.stderr}"
    )
    for service in SERVICES:
        assert f'@join__graph(name: "{service}"' in completed.stdout


def test_committed_supergraph_is_the_composition_of_the_committed_sdl(node: str) -> None:
    # when the committed supergraph is compared with a fresh composition
    completed = run_compose(node, "--check")

    # then they are the same
    assert completed.returncode == 0, (
        f"gateway/supergraph.graphql is not the composition of the committed SDL files: "
        f"{REGENERATE}\n{completed.stderr}"
    )
