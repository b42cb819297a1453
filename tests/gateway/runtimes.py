"""The JavaScript runtimes that run the gateway (gateway/start.sh): the Bun its lockfile pins, and
the Node.js on the PATH that GATEWAY_RUNTIME=node (or a platform without a pinned Bun) falls back
to. Scripts run in gateway/, importing its TypeScript modules the way the gateway does."""

from __future__ import annotations

import platform
import shutil
import subprocess
from pathlib import Path

from tests.support.stack import ROOT

GATEWAY = ROOT / "gateway"
# package.json's optionalDependencies: npm installs the one for the machine's CPU.
PINNED_BUN_PACKAGES = {"x86_64": "@oven/bun-linux-x64", "aarch64": "@oven/bun-linux-aarch64"}
PINNED_BUN = (
    GATEWAY / "node_modules" / PINNED_BUN_PACKAGES.get(platform.machine(), "") / "bin" / "bun"
)
RUNTIMES = ("bun", "node")

CHECK = "const check = (condition, message) => { if (!condition) { throw new Error(message); } };\n"
# Under Node.js the importer hooks are how `hive-gateway` imports gateway.config.ts and, through
# it, src/*.ts; Bun imports TypeScript itself.
NODE_PRELUDE = """
import { register } from "node:module";
import { pathToFileURL } from "node:url";
register("@graphql-hive/importer/hooks", {
  parentURL: pathToFileURL(process.cwd() + "/").href,
  data: { packedDepsPath: "" },
});
"""


def command(runtime: str, script: str) -> list[str]:
    if runtime == "bun":
        return [str(PINNED_BUN), "-e", CHECK + script]
    node = shutil.which("node")
    assert node, "Node.js is not on the PATH"
    return [node, "--input-type=module", "-e", NODE_PRELUDE + CHECK + script]


def run_script(script: str, runtime: str = "bun") -> str:
    """Runs an ES module script in `runtime`; its stdout. `check(condition, message)` throws."""
    done = subprocess.run(
        command(runtime, script),
        cwd=GATEWAY,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def executable(pid: int) -> Path:
    return Path(f"/proc/{pid}/exe").resolve()
