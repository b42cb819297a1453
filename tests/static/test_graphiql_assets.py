"""The GraphiQL page of the installed Strawberry finds every file it names in the gateway's
pinned npm packages: a Strawberry upgrade that moves to other versions fails here, not on a
developer's blank page (grassroots_kit/graphql/ide.py, gateway/package.json)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from grassroots_kit.graphql.ide import DEFAULT_NODE_MODULES, GraphiQLAssets
from strawberry.http.ides import get_graphql_ide_html

GATEWAY = Path(__file__).resolve().parents[2] / "gateway"


def test_strawberrys_graphiql_assets_are_installed_at_its_versions() -> None:
    assets = GraphiQLAssets(get_graphql_ide_html("graphiql"), DEFAULT_NODE_MODULES)

    assert DEFAULT_NODE_MODULES == GATEWAY / "node_modules"
    assert "https://" not in assets.page  # neither unpkg.com nor any other CDN
    assert assets.missing == []


def test_the_versions_are_pinned_in_the_gateway_manifest() -> None:
    pinned = json.loads((GATEWAY / "package.json").read_text())["devDependencies"]
    named = re.findall(
        r"https://unpkg\.com/((?:@[\w.-]+/)?[\w.-]+)@([\w.-]+)/", get_graphql_ide_html("graphiql")
    )

    assert len(named) == 7
    for package, version in named:
        assert pinned.get(package) == version, package
