"""Waiting for HTTP readiness, and showing why something did not get there."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Probe:
    """A process to wait for; see `is_ready` for how `urls` are asked."""

    name: str
    urls: tuple[str, ...]
    alive: Callable[[], bool]
    log: Path


def http_status(url: str, timeout: float = 2.0) -> int | None:
    """The status `url` answers a GET with, or None when nothing answers."""
    import httpx

    try:
        # trust_env=False: an HTTP(S)_PROXY in the environment must not catch 127.0.0.1.
        return httpx.get(url, timeout=timeout, trust_env=False).status_code
    except httpx.HTTPError:
        return None


def is_ready(urls: Sequence[str], status: Callable[[str], int | None] = http_status) -> bool:
    """Ready when the first of `urls` that exists (does not answer 404) answers 200."""
    for url in urls:
        code = status(url)
        if code != 404:
            return code == 200
    return False


def port_in_use(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_ready(
    probes: Sequence[Probe],
    *,
    timeout: float,
    status: Callable[[str], int | None] = http_status,
    interval: float = 0.5,
) -> tuple[Probe, str] | None:
    """Poll every probe until all are ready; the first that failed and why, else None."""
    pending = list(probes)
    deadline = time.monotonic() + timeout
    while pending:
        for probe in list(pending):
            if is_ready(probe.urls, status):
                pending.remove(probe)
            elif not probe.alive():
                return probe, "exited before it was ready"
        if not pending:
            break
        if time.monotonic() >= deadline:
            return pending[0], f"not ready after {timeout:.0f} s ({', '.join(pending[0].urls)})"
        time.sleep(interval)
    return None


def tail(path: Path, lines: int = 40) -> str:
    """The last `lines` lines of `path` written by its latest run (empty when no such file)."""
    try:
        with path.open("rb") as handle:
            handle.seek(0, 2)
            size = handle.tell()
            handle.seek(max(0, size - 64 * 1024))
            text = handle.read().decode(errors="replace")
    except OSError:
        return ""
    return last_run(text.splitlines(), lines)


def last_run(log_lines: Sequence[str], lines: int, marker: str = "==== ") -> str:
    """The end of `log_lines` after the last start marker that `procs.spawn` writes."""
    starts = [i for i, line in enumerate(log_lines) if line.startswith(marker)]
    first = starts[-1] + 1 if starts else 0
    return "\n".join(log_lines[max(first, len(log_lines) - lines) :])
