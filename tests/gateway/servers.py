"""Tiny HTTP servers the gateway tests point the gateway at: a JWKS and a subgraph that hangs."""

from __future__ import annotations

import json
import socket
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from tests.support.tokens import TokenMint


class JwksServer:
    """Serves the keys of the given mints, plus the keys people publishes once `people_url` is set.

    Merging people's keys lets one gateway accept both the tests' minted tokens and tokens from a
    real `login`. `fetches` counts the requests, to tell a cached key from a refetched one.
    """

    def __init__(self, *mints: TokenMint) -> None:
        self.mints = list(mints)
        self.people_url: str | None = None
        self.fetches = 0
        self.down = False  # answer 503, as people does while it is down
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.fetches += 1
                if server.down:
                    self.send_error(503)
                    return
                body = json.dumps(server.jwks()).encode()
                self.send_response(200)
                self.send_header("content-type", "application/json")
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._httpd.server_address[1]}/.well-known/jwks.json"

    def jwks(self) -> dict[str, list[dict[str, Any]]]:
        keys = [key for mint in self.mints for key in mint.jwks()["keys"]]
        if self.people_url:
            try:
                with urllib.request.urlopen(self.people_url, timeout=5) as response:
                    keys.extend(json.loads(response.read())["keys"])
            except (OSError, ValueError, KeyError):
                pass  # people has no JWKS yet (issue 3 in progress): minted tokens still work
        return {"keys": keys}

    def close(self) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()


class BlackHole:
    """Accepts connections and never answers: a subgraph that hangs."""

    def __init__(self) -> None:
        self._socket = socket.socket()
        self._socket.bind(("127.0.0.1", 0))
        self._socket.listen(64)
        self._open: list[socket.socket] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._socket.getsockname()[1]}/graphql"

    def _accept(self) -> None:
        self._socket.settimeout(0.2)
        while not self._stop.is_set():
            try:
                connection, _ = self._socket.accept()
            except OSError:
                continue
            self._open.append(connection)  # held open, never read, never answered

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        for connection in self._open:
            connection.close()
        self._socket.close()
