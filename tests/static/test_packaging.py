"""The Python packages: licensed, versioned, and each service installable beside the libraries."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LIBRARIES = {
    "grassroots-kit": ROOT / "libs" / "kit",
    "grassroots-contracts": ROOT / "libs" / "contracts",
}
SERVICES = sorted((ROOT / "services").glob("*/pyproject.toml"))
PROJECTS = [p / "pyproject.toml" for p in LIBRARIES.values()] + SERVICES


def _project(pyproject: Path) -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads(pyproject.read_text())["project"]
    return data


def test_the_repository_has_the_apache_2_license() -> None:
    text = (ROOT / "LICENSE").read_text()
    assert "Apache License" in text
    assert "Version 2.0, January 2004" in text


@pytest.mark.parametrize("pyproject", PROJECTS, ids=lambda p: p.parent.name)
def test_every_package_declares_the_license(pyproject: Path) -> None:
    assert _project(pyproject)["license"] == "Apache-2.0"
    requires = tomllib.loads(pyproject.read_text())["build-system"]["requires"]
    # setuptools reads an SPDX expression in `license` from version 77 on (PEP 639).
    assert any(
        Requirement(r).name == "setuptools" and "77" in str(Requirement(r).specifier)
        for r in requires
    ), requires


def test_the_libraries_carry_a_real_version() -> None:
    for name, path in LIBRARIES.items():
        project = _project(path / "pyproject.toml")
        assert project["name"] == name
        assert Version(project["version"]) >= Version("0.2.0"), name


@pytest.mark.parametrize("pyproject", SERVICES, ids=lambda p: p.parent.name)
def test_services_need_the_libraries_by_a_range_their_current_versions_meet(
    pyproject: Path,
) -> None:
    """A bare name would take any version; an upper bound keeps a breaking release out."""
    needed = {
        r.name: r
        for r in map(Requirement, _project(pyproject).get("dependencies", []))
        if r.name in LIBRARIES
    }
    assert set(needed) == set(LIBRARIES), pyproject
    for name, requirement in needed.items():
        specifier = requirement.specifier
        assert any(s.operator == "<" for s in specifier), f"{requirement}: no upper bound"
        assert any(s.operator == ">=" for s in specifier), f"{requirement}: no lower bound"
        current = _project(LIBRARIES[name] / "pyproject.toml")["version"]
        assert specifier.contains(current), f"{requirement} excludes libs' {name} {current}"
