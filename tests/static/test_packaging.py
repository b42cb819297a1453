"""The Python packages: licensed, versioned, locked with hashes, each service installable beside
the libraries."""

from __future__ import annotations

import tomllib
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
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


# ---- requirements.lock: every third-party package, pinned and hashed --------------------------

LOCK = ROOT / "requirements.lock"
REQUIREMENTS_FILES = [
    ROOT / "requirements-dev.txt",
    *sorted(ROOT.glob("examples/*/requirements.txt")),
]
LOCAL = {canonicalize_name(_project(p)["name"]) for p in PROJECTS}


def _locked() -> dict[str, tuple[Requirement, list[str]]]:
    """requirements.lock's entries by name: the pinned requirement and its hashes."""
    entries: dict[str, tuple[Requirement, list[str]]] = {}
    current: list[str] | None = None
    for line in LOCK.read_text().splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if line[0].isspace():
            assert stripped.startswith("--hash="), f"requirements.lock: unexpected {line!r}"
            assert current is not None, f"requirements.lock: a hash before any entry: {line!r}"
            current.append(stripped.removeprefix("--hash=").rstrip(" \\"))
            continue
        requirement = Requirement(stripped.rstrip(" \\"))
        name = canonicalize_name(requirement.name)
        assert name not in entries, f"requirements.lock pins {name} twice"
        current = []
        entries[name] = (requirement, current)
    return entries


def _declared() -> list[tuple[str, Requirement]]:
    """Every third-party requirement a pyproject or requirements file of the repository states."""
    declared: list[tuple[str, Requirement]] = []
    for pyproject in PROJECTS:
        data = tomllib.loads(pyproject.read_text())
        where = str(pyproject.relative_to(ROOT))
        for text in data["project"].get("dependencies", []) + data["build-system"]["requires"]:
            declared.append((where, Requirement(text)))
    for path in REQUIREMENTS_FILES:
        for line in path.read_text().splitlines():
            text = line.split("#", 1)[0].strip()
            if text and not text.startswith("-"):
                declared.append((str(path.relative_to(ROOT)), Requirement(text)))
    return [(where, r) for where, r in declared if canonicalize_name(r.name) not in LOCAL]


def test_every_locked_package_is_pinned_exactly_and_hashed() -> None:
    """pip --require-hashes refuses a lock with a range or a missing hash; say which first."""
    locked = _locked()
    assert len(locked) > 50, "requirements.lock looks truncated"
    for name, (requirement, hashes) in locked.items():
        operators = [s.operator for s in requirement.specifier]
        assert operators == ["=="], f"{name}: not pinned"
        assert hashes, f"requirements.lock: {name} has no --hash"
        assert all(h.startswith("sha256:") and len(h) == len("sha256:") + 64 for h in hashes), name


def test_the_lock_covers_every_declared_dependency() -> None:
    """Bootstrap installs the local packages with --no-deps: what the lock lacks is never installed."""
    locked = _locked()
    missing = []
    for where, requirement in _declared():
        name = canonicalize_name(requirement.name)
        if name not in locked:
            missing.append(f"{where}: {requirement} (run `make lock`)")
            continue
        version = next(iter(locked[name][0].specifier)).version
        if not requirement.specifier.contains(version, prereleases=True):
            missing.append(f"{where}: {requirement}, but the lock pins {version} (run `make lock`)")
    assert not missing, "\n".join(missing)


def test_the_extras_the_packages_ask_for_are_locked_too() -> None:
    """pyjwt[crypto] needs cryptography: an extra's packages must be in the lock as well."""
    locked = _locked()
    for where, requirement in _declared():
        for extra in requirement.extras:
            for text in metadata.requires(requirement.name) or []:
                needed = Requirement(text)
                if needed.marker is not None and needed.marker.evaluate({"extra": extra}):
                    assert canonicalize_name(needed.name) in locked, (
                        f"{where}: {requirement} needs {needed.name}, which the lock lacks"
                    )


def test_the_local_packages_stay_out_of_the_lock() -> None:
    """pip cannot hash a directory; bootstrap installs them editable after the lock."""
    assert not LOCAL & set(_locked())


def test_constraints_are_the_pins_of_the_lock() -> None:
    """The images install with -c constraints.txt: the versions the tests ran with, no others."""
    constraints = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            requirement = Requirement(line)
            constraints[canonicalize_name(requirement.name)] = str(requirement)
    locked = {name: str(requirement) for name, (requirement, _) in _locked().items()}
    assert constraints == locked, "constraints.txt differs from requirements.lock: run `make lock`"
