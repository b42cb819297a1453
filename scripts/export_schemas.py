"""Export each subgraph's SDL and recompose the gateway's supergraph.

    python scripts/export_schemas.py          write services/<name>/schema.graphql for the three
                                              subgraphs, then gateway/supergraph.graphql and
                                              the schema reference in docs/schema/
    python scripts/export_schemas.py --check  write nothing; exit 1 listing the stale files

Exit codes: 0 written or up to date, 1 stale files (--check), 2 a schema or composition failed.
Composition runs `node gateway/compose.mjs`, which needs `npm ci --prefix gateway` once.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import subprocess
import sys
import traceback
from collections.abc import Mapping, Sequence
from pathlib import Path

import strawberry

REPO_ROOT = Path(__file__).resolve().parent.parent
SERVICES = ("people", "cases", "points", "participation", "notifications")
COMPOSE_SCRIPT = REPO_ROOT / "gateway" / "compose.mjs"
SUPERGRAPH = REPO_ROOT / "gateway" / "supergraph.graphql"
GOVERNANCE_SCRIPT = REPO_ROOT / "gateway" / "schema-governance.mjs"
SCHEMA_DOCS = REPO_ROOT / "docs" / "schema"

EXIT_STALE = 1
EXIT_FAILED = 2


class ExportError(Exception):
    """A failure the developer has to fix before the files can be exported."""


def sdl_path(service: str) -> Path:
    return REPO_ROOT / "services" / service / "schema.graphql"


def export_sdl(service: str) -> str:
    """What `services/<service>/schema.graphql` must hold: `schema.as_str()` and a newline."""
    module_name = f"grassroots_{service}.graphql.schema"
    try:
        module = importlib.import_module(module_name)
    except Exception as error:
        raise ExportError(f"cannot import the {service} schema ({module_name})") from error
    schema = getattr(module, "schema", None)
    if not isinstance(schema, strawberry.federation.Schema):
        raise ExportError(f"{module_name}:schema is not a strawberry.federation.Schema")
    return schema.as_str() + "\n"


def compose(sdls: Mapping[str, str]) -> str:
    """The supergraph composed from `sdls` (subgraph name → SDL), written nowhere."""
    completed = subprocess.run(
        [_node(), str(COMPOSE_SCRIPT), "--stdin", "--stdout"],
        input=json.dumps(dict(sdls)),
        capture_output=True,
        text=True,
        check=False,
    )
    if completed.returncode != 0:
        raise ExportError(completed.stderr.strip() or f"compose.mjs exited {completed.returncode}")
    return completed.stdout


def write_files(sdls: Mapping[str, str]) -> None:
    for service, sdl in sdls.items():
        path = sdl_path(service)
        if _read(path) == sdl:
            print(f"unchanged {_shown(path)}")
        else:
            path.write_text(sdl, encoding="utf-8")
            print(f"wrote {_shown(path)}")
    # compose.mjs reads the files just written and prints what it did with the supergraph.
    completed = subprocess.run([_node(), str(COMPOSE_SCRIPT)], check=False)
    if completed.returncode != 0:
        raise ExportError("the supergraph was not written: the subgraphs do not compose")
    # The schema reference in docs/schema/ is generated from the supergraph just written.
    completed = subprocess.run([_node(), str(GOVERNANCE_SCRIPT), "docs"], check=False)
    if completed.returncode != 0:
        raise ExportError("docs/schema was not written")


def stale_files(sdls: Mapping[str, str]) -> list[Path]:
    """The committed files that differ from what an export would write."""
    stale = [sdl_path(service) for service, sdl in sdls.items() if _read(sdl_path(service)) != sdl]
    if _read(SUPERGRAPH) != compose(sdls):
        stale.append(SUPERGRAPH)
    else:
        docs = subprocess.run(
            [_node(), str(GOVERNANCE_SCRIPT), "docs", "--check"], capture_output=True, check=False
        )
        if docs.returncode != 0:
            stale.append(SCHEMA_DOCS)
    return stale


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument(
        "--check",
        action="store_true",
        help="write nothing; exit 1 if a committed SDL file or the supergraph is stale",
    )
    args = parser.parse_args(argv)

    try:
        sdls = {service: export_sdl(service) for service in SERVICES}
        if not args.check:
            write_files(sdls)
            return 0
        stale = stale_files(sdls)
    except ExportError as error:
        if error.__cause__ is not None:
            traceback.print_exception(error.__cause__)
        print(f"export_schemas: {error}", file=sys.stderr)
        return EXIT_FAILED

    if stale:
        print("export_schemas: stale, run `python scripts/export_schemas.py`:", file=sys.stderr)
        for path in stale:
            print(f"  {_shown(path)}", file=sys.stderr)
        return EXIT_STALE
    print("export_schemas: the SDL files and the supergraph are up to date")
    return 0


def _node() -> str:
    node = shutil.which("node")
    if node is None:
        raise ExportError("`node` (20 or newer) is not on PATH; it composes the supergraph")
    return node


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _shown(path: Path) -> str:
    return str(path.relative_to(REPO_ROOT))


if __name__ == "__main__":
    sys.exit(main())
