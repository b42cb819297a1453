"""The edge's pure parts, run in each runtime that can run the gateway (src/client-address.ts,
src/cost.ts, src/jwks.ts, src/subgraph-signature.ts): who the client is, what an operation
costs, how unknown key ids are answered, and the gateway's signature matching the kit's."""

from __future__ import annotations

import json

import pytest
from grassroots_kit.gateway_signature import sign

from tests.gateway.runtimes import RUNTIMES, run_script

pytestmark = pytest.mark.parametrize("runtime", RUNTIMES)


def test_x_forwarded_for_is_believed_only_from_a_trusted_proxy(runtime: str) -> None:
    out = run_script(
        """
        const { parseCidrList, resolveClientAddress } = await import("./src/client-address.ts");
        const trusted = parseCidrList("10.0.0.0/8, fd00::/8");
        const cases = [
          // an untrusted peer's own X-Forwarded-For is ignored
          [resolveClientAddress("203.0.113.7", "1.2.3.4", trusted), "203.0.113.7"],
          // the ingress appends what it saw; what the client wrote to the left is not believed
          [resolveClientAddress("10.1.2.3", "1.2.3.4, 198.51.100.9", trusted), "198.51.100.9"],
          // proxies of ours in the chain are skipped
          [resolveClientAddress("10.1.2.3", "198.51.100.9, 10.9.9.9", trusted), "198.51.100.9"],
          [resolveClientAddress("fd00::1", "2001:db8::5", trusted), "2001:db8::5"],
          [resolveClientAddress("::ffff:10.1.2.3", "198.51.100.9", trusted), "198.51.100.9"],
          // garbage ends the walk at the last good hop
          [resolveClientAddress("10.1.2.3", "1.2.3.4, nonsense", trusted), "10.1.2.3"],
          [resolveClientAddress("::ffff:203.0.113.7", null, trusted), "203.0.113.7"],
          [resolveClientAddress(undefined, "1.2.3.4", trusted), "unknown"],
        ];
        console.log(JSON.stringify(cases));
        """,
        runtime,
    )

    for got, expected in json.loads(out):
        assert got == expected


def test_a_bad_trusted_proxy_list_is_refused(runtime: str) -> None:
    out = run_script(
        """
        const { parseCidr } = await import("./src/client-address.ts");
        const refused = [];
        for (const text of ["10.0.0.0/33", "not-an-ip", "fd00::/129"]) {
          try { parseCidr(text); } catch (error) { refused.push(text); }
        }
        console.log(JSON.stringify(refused));
        """,
        runtime,
    )

    assert json.loads(out) == ["10.0.0.0/33", "not-an-ip", "fd00::/129"]


COST_SCHEMA = """
type Query { units(first: Int, after: String): UnitConnection! unit(id: ID!): Unit }
type UnitConnection { edges: [UnitEdge!]! totalCount: Int! }
type UnitEdge { node: Unit! }
type Unit { id: ID! name: String! children(first: Int): UnitConnection! }
"""


def test_the_cost_counts_page_sizes_from_literals_variables_and_the_default(runtime: str) -> None:
    out = run_script(
        f"""
        const {{ buildSchema, parse }} = await import("graphql");
        const {{ operationCost }} = await import("./src/cost.ts");
        const schema = buildSchema({json.dumps(COST_SCHEMA)});
        const cost = (query, variables) => operationCost(schema, parse(query), undefined, variables);
        const nested = "{{ edges {{ node {{ id children(first: $n) {{ edges {{ node {{ id }} }} }} }} }} }}";
        console.log(JSON.stringify({{
          literal: cost("{{ units(first: 10) {{ totalCount }} }}"),
          one: cost("{{ units(first: 1) {{ totalCount }} }}"),
          absent: cost("{{ units {{ totalCount }} }}"),
          variable: cost("query($n: Int) {{ units(first: $n) {{ totalCount }} }}", {{ n: 10 }}),
          defaulted: cost("query($n: Int = 10) {{ units(first: $n) {{ totalCount }} }}", {{}}),
          small: cost("query($n: Int) {{ units(first: $n) " + nested + " }}", {{ n: 2 }}),
          huge: cost("query($n: Int) {{ units(first: $n) " + nested + " }}", {{ n: 10000 }}),
          fragment: cost("{{ units(first: 10) {{ ...F }} }} fragment F on UnitConnection {{ totalCount }}"),
          single: cost('{{ unit(id: "x") {{ id name }} }}'),
        }}));
        """,
        runtime,
    )
    costs = json.loads(out)

    assert costs["literal"] == 10 * costs["one"]
    assert costs["absent"] == 20 * costs["one"]  # the subgraphs' default page
    assert costs["variable"] == costs["literal"] == costs["defaulted"] == costs["fragment"]
    assert costs["small"] < 1_000 < 20_000 * 1_000 < costs["huge"]
    assert costs["single"] == 2 + 1.5 * 2  # no list: no multiplier


def test_a_flood_of_unknown_kids_costs_one_fetch_per_interval_and_never_blocks_a_known_kid(
    runtime: str,
) -> None:
    out = run_script(
        """
        const { generateKeyPairSync } = await import("node:crypto");
        const { JwksKeySet } = await import("./src/jwks.ts");
        const jwk = (kid) => ({
          ...generateKeyPairSync("rsa", { modulusLength: 2048 }).publicKey.export({ format: "jwk" }),
          kid, use: "sig", alg: "RS256",
        });
        let published = [jwk("real")];
        let now = 1_000_000;
        let fetches = 0;
        const keys = new JwksKeySet({
          url: "http://people/.well-known/jwks.json",
          maxAgeMs: 600_000,
          refetchIntervalMs: 30_000,
          now: () => now,
          fetch: async () => { fetches += 1; return new Response(JSON.stringify({ keys: published })); },
        });
        check(await keys.key("real"), "the real key is found");
        const forged = await Promise.all(Array.from({ length: 200 }, (_, i) => keys.key(`forged-${i}`)));
        check(forged.every((key) => key === undefined), "forged kids find no key");
        const afterFlood = fetches;
        const real = await Promise.all(Array.from({ length: 50 }, () => keys.key("real")));
        check(real.every(Boolean), "the real kid still verifies during the flood");
        // people rotates: the new kid is found once the interval has passed, with one fetch
        published = [...published, jwk("rotated")];
        const early = await keys.key("rotated");
        now += 30_000;
        const late = await keys.key("rotated");
        for (let i = 0; i < 100; i += 1) { await keys.key(`forged-again-${i}`); }
        console.log(JSON.stringify({ afterFlood, early: early !== undefined, late: late !== undefined, total: fetches }));
        """,
        runtime,
    )

    result = json.loads(out)
    assert result["afterFlood"] <= 2
    assert result["early"] is False
    assert result["late"] is True
    assert result["total"] <= 3


def test_the_gateway_signs_what_the_subgraphs_verify(runtime: str) -> None:
    secret = "s" * 40
    body = '{"query":"{ __typename }","variables":{"name":"王"}}'
    out = run_script(
        f"""
        const {{ signature }} = await import("./src/subgraph-signature.ts");
        console.log(signature({json.dumps(secret)}, "1700000000", "Bearer abc", "198.51.100.9",
          {json.dumps(body)}));
        """,
        runtime,
    )

    expected = sign(secret.encode(), "1700000000", "Bearer abc", "198.51.100.9", body.encode())
    assert f"v1={out.strip()}" == expected
