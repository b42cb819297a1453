"""A dependency-free GraphQL client for the demo loader (it also runs in a bare container)."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Any


class GraphQLFailure(RuntimeError):
    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("; ".join(str(e.get("message")) for e in errors))
        self.errors = errors

    @property
    def codes(self) -> set[str]:
        return {str(e.get("extensions", {}).get("code")) for e in self.errors}


class GraphQLClient:
    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url
        self.token = token

    def execute(
        self, query: str, variables: dict[str, Any] | None = None, *, timeout: float = 30
    ) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        headers = {"content-type": "application/json", "accept": "application/json"}
        if self.token:
            headers["authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                payload: dict[str, Any] = json.loads(response.read())
        except urllib.error.HTTPError as exc:
            payload = json.loads(exc.read() or b"{}")
            if "errors" not in payload:
                raise
        if payload.get("errors"):
            raise GraphQLFailure(payload["errors"])
        data: dict[str, Any] = payload["data"]
        return data

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self.execute("{ __typename }")
                return
            except (OSError, GraphQLFailure):
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
