"""What keeps the gateway's work per request small without changing what it answers: a token
verifies once and is then remembered until it expires (src/edge-auth.ts), and every subgraph
call's abort signal is released when the call settles (src/upstream.ts).

The first tests drive the TypeScript modules in each runtime that can run the gateway (the pinned
Bun, and Node.js as the fallback), loaded the way the gateway CLI loads them; the last ones go
through a real gateway."""

from __future__ import annotations

import json
import os
import platform
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from tests.gateway.conftest import Gateway, start_gateway
from tests.gateway.runtimes import (
    PINNED_BUN,
    PINNED_BUN_PACKAGES,
    RUNTIMES,
    executable,
    run_script,
)
from tests.gateway.test_edge_auth import ANY_QUERY, assert_unauthenticated, signed
from tests.support.mongod import free_port
from tests.support.stack import ROOT, Stack
from tests.support.tokens import TokenMint

GATEWAY = ROOT / "gateway"


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_a_verified_token_is_remembered_until_it_expires_and_no_longer_than_its_key(
    runtime: str,
) -> None:
    run_script(
        """
const { VerifiedTokens } = await import("./src/edge-auth.ts");
const now = 1_000_000_000_000;
const jwt = (exp) => ({ payload: { sub: "p", typ: "access", exp }, token: { value: "t" } });
const tokens = new VerifiedTokens(60_000);

tokens.remember("Bearer a", jwt(now / 1000 + 30), now);
check(tokens.get("Bearer a", now + 29_999) !== undefined, "remembered before exp");
check(tokens.get("Bearer a", now + 30_000) === undefined, "forgotten at exp");
check(tokens.size === 0, "an expired entry is dropped");

tokens.remember("Bearer b", jwt(now / 1000 + 3600), now);
check(tokens.get("Bearer b", now + 59_999) !== undefined, "remembered within the key's age");
check(tokens.get("Bearer b", now + 60_000) === undefined, "no longer than the key is trusted");

tokens.remember("Bearer c", { payload: { sub: "p" }, token: { value: "t" } }, now);
tokens.remember("Bearer d", jwt(now / 1000 - 1), now);
check(tokens.size === 0, "no exp, or expired already: not remembered");
check(tokens.get("Bearer e", now) === undefined, "a header never verified is not known");
""",
        runtime,
    )


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_remembered_tokens_are_bounded_and_size_0_remembers_none(runtime: str) -> None:
    run_script(
        """
const { VerifiedTokens } = await import("./src/edge-auth.ts");
const now = 1_000_000_000_000;
const jwt = (exp) => ({ payload: { sub: "p", typ: "access", exp }, token: { value: "t" } });
const tokens = new VerifiedTokens(600_000, 3);
tokens.remember("Bearer short", jwt(now / 1000 + 10), now);
tokens.remember("Bearer 1", jwt(now / 1000 + 900), now);
tokens.remember("Bearer 2", jwt(now / 1000 + 900), now);
// Full: the expired entry goes first, then the oldest.
tokens.remember("Bearer 3", jwt(now / 1000 + 900), now + 20_000);
check(tokens.size === 3, `bounded: ${tokens.size}`);
check(tokens.get("Bearer 1", now + 20_000) !== undefined, "the expired one made room");
tokens.remember("Bearer 4", jwt(now / 1000 + 900), now + 20_000);
check(tokens.size === 3, `bounded: ${tokens.size}`);
check(tokens.get("Bearer 1", now + 20_000) === undefined, "then the oldest goes");
check(tokens.get("Bearer 4", now + 20_000) !== undefined, "the newest stays");

const none = new VerifiedTokens(600_000, 0);
none.remember("Bearer 1", jwt(now / 1000 + 900), now);
check(none.size === 0, "TOKEN_CACHE_SIZE=0 remembers nothing");
""",
        runtime,
    )


def test_the_gateway_runs_on_the_pinned_bun(gateway: Gateway) -> None:
    assert executable(gateway.process.popen.pid) == PINNED_BUN.resolve()
    package = json.loads((GATEWAY / "package.json").read_text())
    pinned = package["optionalDependencies"][PINNED_BUN_PACKAGES[platform.machine()]]
    assert run_script("console.log(process.versions.bun)").strip() == pinned


def test_gateway_runtime_node_runs_it_on_the_node_on_the_path(
    stack: Stack, mint: TokenMint
) -> None:
    on_node = Gateway(start_gateway(stack, "gateway-node", {"GATEWAY_RUNTIME": "node"}))
    node = shutil.which("node")

    assert node is not None
    assert executable(on_node.process.popen.pid) == Path(node).resolve()
    assert on_node.query(ANY_QUERY, token=signed(mint)) == {"data": {"orgUnit": None}}


def test_an_unknown_gateway_runtime_is_refused_before_anything_starts() -> None:
    done = subprocess.run(
        ["sh", str(GATEWAY / "start.sh")],
        env={**os.environ, "GATEWAY_RUNTIME": "deno", "PORT": str(free_port())},
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )

    assert done.returncode == 2
    assert "GATEWAY_RUNTIME must be bun or node, not deno" in done.stderr


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_the_configuration_plans_with_hive_router_in_each_runtime(runtime: str) -> None:
    out = run_script(
        """
const { gatewayConfig } = await import("./gateway.config.ts");
const { unifiedGraphHandler } = await import("@graphql-hive/router-runtime");
check(gatewayConfig.unifiedGraphHandler === unifiedGraphHandler, "Hive Router's planner");
console.log("ok");
""",
        runtime,
    )
    assert out.strip() == "ok"


@pytest.mark.parametrize("runtime", RUNTIMES)
def test_a_settled_subgraph_call_leaves_no_listener_on_long_lived_signals(runtime: str) -> None:
    # The HTTP executor combines each call's signal with one that lives as long as the gateway
    # (abortSignalAny); before, each call left a listener there until a full garbage collection.
    out = run_script(
        """
const { abortSignalAny } = await import("@graphql-hive/signal");
const { getEventListeners } = await import("node:events");
const { useSettledSubgraphSignals } = await import("./src/upstream.ts");
const plugin = useSettledSubgraphSignals();
const forever = new AbortController().signal;
const seen = [];
const base = (request) => {
  const signal = abortSignalAny([forever, request.signal]);  // what the HTTP executor does
  seen.push(request.signal);
  return request.fail ? Promise.reject(new Error("boom")) : Promise.resolve({ data: { ok: true } });
};
async function call(request) {
  let executor = base;
  plugin.onSubgraphExecute({ executionRequest: request, executor, setExecutor: (e) => { executor = e; } });
  return executor(request);
}
for (let i = 0; i < 500; i++) {
  const result = await call({ document: null });
  check(result.data.ok === true, "the result passes through");
}
await call({ fail: true }).then(() => check(false, "the failure passes through"), () => {});
check(seen.length === 501 && seen.every((s) => s.aborted), "every call's signal is released");
check(getEventListeners(forever, "abort").length === 0, "no listener left on the long-lived signal");

// A call still running keeps its signal live (the timeout can still abort it).
let answer;
const running = { document: null };
let slow = (request) => new Promise((resolve) => { answer = resolve; });
plugin.onSubgraphExecute({ executionRequest: running, executor: slow, setExecutor: (e) => { slow = e; } });
const pending = slow(running);
check(!running.signal.aborted, "not released while running");
answer({ data: {} });
await pending;
check(running.signal.aborted, "released once settled");

// A signal that came with the call (the client's request, from Hive Router's executor) still
// aborts the call while it runs; it is never aborted itself, and keeps no listener once settled.
const own = new AbortController();
let given;
let executor = (request) => { given = request.signal; return new Promise(() => {}); };
plugin.onSubgraphExecute({ executionRequest: { signal: own.signal }, executor, setExecutor: (e) => { executor = e; } });
void executor({ signal: own.signal });
check(given !== own.signal && !given.aborted, "the call runs on a signal of its own");
own.abort(new Error("client went away"));
check(given.aborted && given.reason.message === "client went away", "the request's abort reaches the call");
const kept = new AbortController();
let finished = (request) => Promise.resolve({ data: {} });
plugin.onSubgraphExecute({ executionRequest: { signal: kept.signal }, executor: finished, setExecutor: (e) => { finished = e; } });
await finished({ signal: kept.signal });
check(!kept.signal.aborted, "the request's signal is not aborted");
check(getEventListeners(kept.signal, "abort").length === 0, "nor left with a listener");
console.log("ok");
""",
        runtime,
    )
    assert out.strip() == "ok"


def test_a_remembered_token_is_still_refused_once_it_expires(
    gateway: Gateway, mint: TokenMint
) -> None:
    now = int(time.time())
    token = signed(mint, iat=now, exp=now + 3)

    first = gateway.query(ANY_QUERY, token=token)
    again = gateway.query(ANY_QUERY, token=token)  # answered from the remembered verdict
    time.sleep(max(0.0, now + 3.2 - time.time()))

    assert first == again == {"data": {"orgUnit": None}}
    assert_unauthenticated(gateway, token)


def test_only_the_exact_verified_header_is_remembered(gateway: Gateway, mint: TokenMint) -> None:
    token = signed(mint)
    header, payload, signature = token.split(".")
    tampered = (
        f"{header}.{payload}.{signature[:-4]}{'AAAA' if signature[-4:] != 'AAAA' else 'BBBB'}"
    )

    assert gateway.query(ANY_QUERY, token=token) == {"data": {"orgUnit": None}}
    assert_unauthenticated(gateway, tampered)
    response = gateway.post({"query": ANY_QUERY}, headers={"authorization": f"Basic {token}"})
    body: dict[str, Any] = response.json()
    assert response.status_code == 401, body
    assert body["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


def test_many_calls_through_the_gateway_all_answer(gateway: Gateway, mint: TokenMint) -> None:
    token = signed(mint)
    for _ in range(300):
        assert gateway.query(ANY_QUERY, token=token) == {"data": {"orgUnit": None}}
