"""The developer UI needs no CDN: the gateway's Laboratory and a subgraph's GraphiQL load every
script and style from the process that serves the page (issue 18, for networks that cannot reach
unpkg.com or jsdelivr.net), and render their editor with every other host out of reach."""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import httpx
import pytest

from tests.gateway.conftest import Gateway
from tests.support.stack import Stack

HTML = {"accept": "text/html"}
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


class _Assets(HTMLParser):
    """What a page loads: (url, integrity) of its scripts, stylesheets, icons and images."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        url = attributes.get("src") if tag in {"script", "img", "iframe"} else None
        if tag == "link":
            url = attributes.get("href")
        if url:
            self.urls.append((url, attributes.get("integrity")))


def assets(page: str) -> list[tuple[str, str | None]]:
    parser = _Assets()
    parser.feed(page)
    return parser.urls


def assert_self_contained(page_url: str, page: str) -> int:
    """Every asset `page` names is on `page_url`'s host and answers with its type; returns how
    many were fetched (data: URLs, such as inline icons, need no fetching)."""
    origin = urlsplit(page_url).netloc
    served = 0
    for url, integrity in assets(page):
        if url.startswith("data:"):
            continue
        absolute = urljoin(page_url, url)
        assert urlsplit(absolute).netloc == origin, f"{url} is not served by {origin}"
        response = httpx.get(absolute, timeout=30)
        assert response.status_code == 200, url
        kind = response.headers["content-type"]
        if url.endswith(".js"):
            assert kind.startswith("text/javascript") or kind.startswith("application/javascript")
        elif url.endswith(".css"):
            assert kind.startswith("text/css"), url
        if integrity:
            algorithm, _, expected = integrity.partition("-")
            digest = hashlib.new(algorithm, response.content).digest()
            assert base64.b64encode(digest).decode() == expected, f"{url} fails its integrity"
        served += 1
    return served


def test_the_gateway_laboratory_loads_nothing_from_another_host(gateway: Gateway) -> None:
    page = httpx.get(gateway.url, headers=HTML, timeout=30)

    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "HiveLaboratory.renderLaboratory" in page.text
    assert_self_contained(gateway.url, page.text)


def test_a_subgraph_graphiql_loads_its_scripts_from_the_subgraph(stack: Stack) -> None:
    url = f"{stack.processes['people'][0].url}/graphql"

    page = httpx.get(url, headers=HTML, timeout=30)

    assert page.status_code == 200
    assert "unpkg.com" not in page.text
    # React, ReactDOM, js-cookie, GraphiQL's script and style, the explorer's script and style.
    assert assert_self_contained(url, page.text) == 7


def test_a_subgraph_serves_only_the_files_its_page_names(stack: Stack) -> None:
    base = stack.processes["people"][0].url

    for path in (
        "/graphiql/graphiql@3.8.3/package.json",
        "/graphiql/react@18.2.0/../../package.json",
        "/graphiql/react@17.0.0/umd/react.production.min.js",
    ):
        assert httpx.get(base + path, timeout=10).status_code == 404, path


class _RefusingProxy:
    """An HTTP proxy that lets nothing through and remembers where the browser tried to go."""

    def __init__(self) -> None:
        self.socket = socket.create_server(("127.0.0.1", 0))
        self.port = self.socket.getsockname()[1]
        self.requests: list[str] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                connection, _ = self.socket.accept()
            except OSError:
                return
            with connection:
                connection.settimeout(5)
                try:
                    line = connection.recv(4096).split(b"\r\n", 1)[0].decode(errors="replace")
                    self.requests.append(line)
                    connection.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                except OSError:
                    pass

    def close(self) -> None:
        self.socket.close()


@pytest.fixture
def refusing_proxy() -> Iterator[_RefusingProxy]:
    proxy = _RefusingProxy()
    try:
        yield proxy
    finally:
        proxy.close()


def rendered(url: str, proxy: _RefusingProxy) -> str:
    """The DOM of `url` after Chromium ran its scripts, every host but loopback behind `proxy`."""
    assert CHROMIUM is not None
    completed = subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            # Loopback goes direct (Chromium never proxies it); everything else meets the proxy.
            f"--proxy-server=http://127.0.0.1:{proxy.port}",
            "--virtual-time-budget=20000",
            "--dump-dom",
            url,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return completed.stdout


# Chromium's own traffic (certificate and component checks), not the page's.
_BROWSER_HOSTS = re.compile(r"\b(google|googleapis|gstatic|gvt1)\.com\b")


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine")
@pytest.mark.parametrize("where", ["gateway", "people"])
def test_the_editor_renders_with_other_hosts_out_of_reach(
    where: str, stack: Stack, gateway: Gateway, refusing_proxy: _RefusingProxy
) -> None:
    url = gateway.url if where == "gateway" else f"{stack.processes['people'][0].url}/graphql"

    dom = rendered(url, refusing_proxy)

    assert [r for r in refusing_proxy.requests if not _BROWSER_HOSTS.search(r)] == []
    # Monaco (the Laboratory's editor) or CodeMirror (GraphiQL's) has drawn itself.
    assert "monaco-editor" in dom if where == "gateway" else "CodeMirror" in dom
