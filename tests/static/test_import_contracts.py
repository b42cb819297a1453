"""The architecture as code: the import contracts in pyproject.toml hold, and they bite.

`lint-imports` must pass on the tree as it is; and the same contracts, run against a copy of a
service with one deliberate wrong import added, must fail and name that import. Without the
second half a contract that matched nothing (a typo in a module name) would pass for ever.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = [
    ROOT / "libs" / "kit" / "src",
    ROOT / "libs" / "contracts" / "src",
    ROOT / "services" / "people" / "src",
    ROOT / "services" / "cases" / "src",
    ROOT / "services" / "points" / "src",
    ROOT / "services" / "participation" / "src",
    ROOT / "services" / "notifications" / "src",
]
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(
    cwd: Path, *args: str, first: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """Run lint-imports in `cwd` (where its pyproject.toml is) with the tree's sources importable,
    `first` ahead of them when given."""
    paths = ([first] if first else []) + SOURCES
    env = os.environ | {
        "PYTHONPATH": os.pathsep.join(str(path) for path in paths),
        "COLUMNS": "200",
    }
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-cache", "--no-logo", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "source", "contract"),
    [
        # A domain module reaching up into a use case.
        ("domain/_upward.py", "import grassroots_people.handlers\n", "people-layers"),
        # An adapter reaching up into the GraphQL layer.
        ("adapters/_upward.py", "import grassroots_people.graphql.schema\n", "people-layers"),
        # The domain importing a database driver.
        ("domain/_driver.py", "import pymongo\n", "people-domain-pure"),
        # A new resolver calling a store directly.
        (
            "graphql/_store.py",
            "import grassroots_people.adapters.persons\n",
            "people-graphql-through-handlers",
        ),
        # A use case reaching for the host instead of its ports.
        ("handlers/_host.py", "import grassroots_kit.host\n", "people-handlers-on-ports"),
        # One service importing another.
        ("domain/_sibling.py", "import grassroots_cases.domain\n", "services-independent"),
    ],
)
def test_a_wrong_import_breaks_its_contract(
    tmp_path: Path, module: str, source: str, contract: str
) -> None:
    # Given a copy of the people service with one wrong import added, shadowing the real one
    copy = tmp_path / "src"
    shutil.copytree(
        ROOT / "services" / "people" / "src" / "grassroots_people",
        copy / "grassroots_people",
        ignore=shutil.ignore_patterns("__pycache__"),
    )
    (copy / "grassroots_people" / module).write_text(source)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")

    # When the real contract is checked
    result = lint_imports(tmp_path, "--contract", contract, first=copy)

    # Then it is broken, and the report names the new module
    assert result.returncode != 0, result.stdout + result.stderr
    assert "BROKEN" in result.stdout
    wrong = "grassroots_people." + module.removesuffix(".py").replace("/", ".")
    assert wrong in result.stdout, result.stdout
