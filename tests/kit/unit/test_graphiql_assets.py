"""A subgraph's GraphiQL page names its scripts on the subgraph, and the subgraph serves exactly
those files, at the versions the page pins (graphql/ide.py)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from grassroots_kit.graphql.ide import GraphiQLAssets
from starlette.applications import Starlette

PAGE = """<link rel="stylesheet" href="https://unpkg.com/graphiql@3.8.3/graphiql.min.css" />
<script src="https://unpkg.com/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js"></script>"""


def install(node_modules: Path, package: str, version: str, files: dict[str, str]) -> None:
    root = node_modules / package
    root.mkdir(parents=True)
    (root / "package.json").write_text(json.dumps({"name": package, "version": version}))
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


async def get(assets: GraphiQLAssets, path: str) -> httpx.Response:
    app = Starlette(routes=assets.routes())
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as c:
        return await c.get(path)


def installed(tmp_path: Path) -> GraphiQLAssets:
    install(tmp_path, "graphiql", "3.8.3", {"graphiql.min.css": "body{}", "secret.txt": "no"})
    install(tmp_path, "@graphiql/plugin-explorer", "1.0.2", {"dist/index.umd.js": "var x;"})
    return GraphiQLAssets(PAGE, tmp_path)


def test_the_page_names_the_subgraph_instead_of_the_cdn(tmp_path: Path) -> None:
    assets = installed(tmp_path)

    assert "unpkg.com" not in assets.page
    assert 'href="/graphiql/graphiql@3.8.3/graphiql.min.css"' in assets.page
    assert 'src="/graphiql/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js"' in assets.page
    assert assets.missing == []


async def test_the_named_files_are_served_with_their_type(tmp_path: Path) -> None:
    assets = installed(tmp_path)

    css = await get(assets, "/graphiql/graphiql@3.8.3/graphiql.min.css")
    script = await get(assets, "/graphiql/@graphiql/plugin-explorer@1.0.2/dist/index.umd.js")

    assert (css.status_code, css.headers["content-type"], css.text) == (
        200,
        "text/css; charset=utf-8",
        "body{}",
    )
    assert script.headers["content-type"].startswith("text/javascript")


async def test_nothing_else_under_node_modules_is_served(tmp_path: Path) -> None:
    assets = installed(tmp_path)

    for path in (
        "/graphiql/graphiql@3.8.3/secret.txt",
        "/graphiql/graphiql@3.8.3/package.json",
        "/graphiql/graphiql@3.8.3/../graphiql/secret.txt",
    ):
        assert (await get(assets, path)).status_code == 404, path


async def test_another_installed_version_is_a_refusal_not_a_different_file(
    tmp_path: Path,
) -> None:
    install(tmp_path, "graphiql", "3.9.0", {"graphiql.min.css": "other"})
    install(tmp_path, "@graphiql/plugin-explorer", "1.0.2", {"dist/index.umd.js": "var x;"})
    assets = GraphiQLAssets(PAGE, tmp_path)

    page = assets.page_response()

    assert assets.missing == ["graphiql@3.8.3/graphiql.min.css"]
    assert page.status_code == 503
    assert b"npm ci --prefix gateway" in page.body
    assert (await get(assets, "/graphiql/graphiql@3.8.3/graphiql.min.css")).status_code == 404
