"""Schema governance: no breaking change against the released snapshot, naming and description
lint, a fresh generated reference, and an allow-list that still runs.

- breaking: add instead of change, deprecate, or release with `make schema-release`.
- lint: the failure lists each problem under the service that owns it.
- stale docs/schema: run `python scripts/export_schemas.py`.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]
GATEWAY = REPO_ROOT / "gateway"
GOVERNANCE = GATEWAY / "schema-governance.mjs"
SUPERGRAPH = GATEWAY / "supergraph.graphql"
RELEASED = REPO_ROOT / "schema" / "released" / "supergraph.graphql"


@pytest.fixture(scope="module")
def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail("`node` (20 or newer) is not on PATH")
    if not (GATEWAY / "node_modules" / "graphql").is_dir():
        pytest.fail("gateway/node_modules is missing: run `npm ci --prefix gateway` first")
    return found


def governance(node: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [node, str(GOVERNANCE), *args],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_supergraph_has_no_breaking_change_against_the_released_schema(node: str) -> None:
    assert RELEASED.is_file(), (
        "schema/released/supergraph.graphql is missing: `make schema-release`"
    )

    completed = governance(node, "breaking")

    assert completed.returncode == 0, completed.stderr


def test_a_removed_field_is_reported_as_breaking(node: str, tmp_path: Path) -> None:
    # given a supergraph where a released field is gone
    current = SUPERGRAPH.read_text()
    without = re.sub(
        r'(?m)^  """\n  [^\n]*\n  """\n  orgUnit\(id: ID!\): OrgUnit .*\n', "", current, count=1
    )
    assert without != current, "the fixture expects Query.orgUnit in the supergraph"
    changed = tmp_path / "supergraph.graphql"
    changed.write_text(without)

    completed = governance(
        node, "breaking", "--supergraph", str(changed), "--released", str(SUPERGRAPH)
    )

    assert completed.returncode == 1
    assert "BREAKING FIELD_REMOVED: Query.orgUnit was removed." in completed.stderr
    assert "make schema-release" in completed.stderr


def test_an_added_field_is_not_breaking(node: str, tmp_path: Path) -> None:
    current = SUPERGRAPH.read_text()
    line = "  orgUnit(id: ID!): OrgUnit @join__field(graph: PEOPLE)\n"
    added = current.replace(line, line + "  brandNew: Int @join__field(graph: PEOPLE)\n", 1)
    assert added != current, "the fixture expects Query.orgUnit in the supergraph"
    changed = tmp_path / "supergraph.graphql"
    changed.write_text(added)

    completed = governance(
        node, "breaking", "--supergraph", str(changed), "--released", str(SUPERGRAPH)
    )

    assert completed.returncode == 0, completed.stderr


def test_the_supergraph_follows_the_naming_and_description_conventions(node: str) -> None:
    completed = governance(node, "lint")

    assert completed.returncode == 0, (
        "the graph breaks the naming or description conventions; each problem is listed under "
        f"the service that owns it:\n{completed.stderr}"
    )


def test_the_lint_names_each_problem_and_its_owner(node: str, tmp_path: Path) -> None:
    bad = tmp_path / "supergraph.graphql"
    bad.write_text(
        '''"""Described."""
type Query {
  """Described."""
  good_field: Int
  undocumented: bad_type
}

type bad_type {
  """Described."""
  Name: String
  """Described."""
  level: Level
}

"""Described."""
enum Level {
  low
  HIGH
}
'''
    )

    completed = governance(node, "lint", "--supergraph", str(bad))

    assert completed.returncode == 1
    for expected in (
        "Query.good_field: field name is not camelCase",
        "Query.undocumented: field has no description",
        "bad_type: type name is not PascalCase",
        "bad_type: type has no description",
        "bad_type.Name: field name is not camelCase",
        "Level.low: enum value is not UPPER_CASE",
    ):
        assert expected in completed.stderr
    assert "HIGH" not in completed.stderr
    assert "scripts/export_schemas.py" in completed.stderr


def test_the_generated_schema_reference_is_fresh(node: str) -> None:
    completed = governance(node, "docs", "--check")

    assert completed.returncode == 0, completed.stderr


def test_the_registered_operations_still_validate(node: str) -> None:
    completed = subprocess.run(
        [node, str(GATEWAY / "persist.mjs"), "--check"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr
