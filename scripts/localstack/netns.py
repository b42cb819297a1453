"""A small private network: one Linux network namespace per cluster member, all on a bridge.

Each member gets a host of its own (10.x.y.11, .12, .13), reached from this machine through the
bridge (10.x.y.1), so every member listens on the same ports as a real one would and a
partition is one command: `ip link set <member's veth> down` cuts the member off from the other
members and from every client at once, as a pulled cable or a dead switch port does; `up`
heals it. This machine has neither iptables nor nft, and loopback ports cannot be cut one by
one without them; namespaces need root (CI runs as root) and the `ip` tool.

Every name carries a random tag, so two clusters (two test workers) never share a bridge, and
`Net.remove` deletes namespaces, veths and bridge (killing whatever still runs inside).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import signal
import subprocess
import uuid
from dataclasses import dataclass, field


class NetUnavailable(RuntimeError):
    """Network namespaces cannot be made here (not root, or no `ip` tool)."""


def _ip(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["ip", *args], capture_output=True, text=True, check=check, timeout=30)


def available() -> str | None:
    """None when namespaces can be made here, else why not."""
    if shutil.which("ip") is None:
        return "the `ip` tool (iproute2) is not installed"
    if os.geteuid() != 0:
        return "making network namespaces needs root"
    return None


def _used_subnets() -> set[str]:
    routes = _ip("-4", "route", "show", check=False).stdout
    return {line.split()[0] for line in routes.splitlines() if line and line[0].isdigit()}


@dataclass
class Net:
    """The bridge and the namespaces of one cluster; `members` namespaces, numbered from 1."""

    members: int
    tag: str = field(default_factory=lambda: uuid.uuid4().hex[:5])
    subnet: str = ""
    made: list[str] = field(default_factory=list)

    @property
    def bridge(self) -> str:
        return f"gr{self.tag}b"

    def namespace(self, index: int) -> str:
        return f"gr{self.tag}n{index}"

    def veth(self, index: int) -> str:
        """The host end of member `index`'s cable (15 characters at most, as Linux wants)."""
        return f"gr{self.tag}h{index}"

    def address(self, index: int) -> str:
        return f"{self.subnet}.{10 + index}"

    @property
    def gateway(self) -> str:
        return f"{self.subnet}.1"

    def create(self) -> None:
        reason = available()
        if reason:
            raise NetUnavailable(reason)
        used = _used_subnets()
        while True:
            self.subnet = f"10.{random.randint(100, 250)}.{random.randint(0, 255)}"
            if f"{self.subnet}.0/24" not in used:
                break
        try:
            _ip("link", "add", self.bridge, "type", "bridge")
            self.made.append(self.bridge)
            _ip("addr", "add", f"{self.gateway}/24", "dev", self.bridge)
            _ip("link", "set", self.bridge, "up")
            for index in range(1, self.members + 1):
                ns, host_end = self.namespace(index), self.veth(index)
                peer = f"gr{self.tag}p{index}"
                _ip("netns", "add", ns)
                self.made.append(ns)
                _ip("link", "add", host_end, "type", "veth", "peer", "name", peer)
                _ip("link", "set", peer, "netns", ns)
                _ip("link", "set", host_end, "master", self.bridge)
                _ip("link", "set", host_end, "up")
                _ip("-n", ns, "link", "set", "lo", "up")
                _ip("-n", ns, "addr", "add", f"{self.address(index)}/24", "dev", peer)
                _ip("-n", ns, "link", "set", peer, "up")
        except BaseException:
            self.remove()
            raise

    def argv(self, index: int, argv: list[str]) -> list[str]:
        """`argv` run inside member `index`'s namespace."""
        return ["ip", "netns", "exec", self.namespace(index), *argv]

    def cut(self, index: int) -> None:
        """Partition member `index` away from everyone (its cable unplugged)."""
        _ip("link", "set", self.veth(index), "down")

    def heal(self, index: int) -> None:
        _ip("link", "set", self.veth(index), "up")

    def remove(self) -> None:
        """Kill what runs in the namespaces, then delete them, their veths and the bridge."""
        for name in reversed(self.made):
            if name == self.bridge:
                _ip("link", "del", name, check=False)
                continue
            pids = _ip("netns", "pids", name, check=False).stdout.split()
            for pid in pids:
                with contextlib.suppress(ProcessLookupError, ValueError):
                    os.kill(int(pid), signal.SIGKILL)
            _ip("netns", "del", name, check=False)
        self.made.clear()
