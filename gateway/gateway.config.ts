// Hive Gateway configuration, loaded by `hive-gateway supergraph` from the working directory
// (start.sh runs it in gateway/). PORT is read by the CLI itself.
import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { defineConfig } from "@graphql-hive/gateway";
import { unifiedGraphHandler } from "@graphql-hive/router-runtime";
import { parse } from "graphql";

import { useClientAddress } from "./src/client-address.ts";
import {
  jwtOptions,
  useEdgeAuthErrors,
  useVerifiedTokenCache,
  VerifiedTokens,
} from "./src/edge-auth.ts";
import { JwksKeySet } from "./src/jwks.ts";
import {
  documentLimitPlugins,
  useCostLimit,
  useRateLimits,
  useRequestSizeLimit,
} from "./src/limits.ts";
import { useMediaRoutes } from "./src/media.ts";
import { useLocalizedErrors } from "./src/messages.ts";
import { persistedDocuments } from "./src/persisted.ts";
import { readSettings } from "./src/settings.ts";
import { useSubgraphSignature } from "./src/subgraph-signature.ts";
import { useSettledSubgraphSignals, useSubgraphFailuresAsErrors } from "./src/upstream.ts";

/** Subgraph name in the supergraph (`@join__graph(name: ...)`) → env var and local default. */
const SUBGRAPH_URLS: Record<string, { env: string; fallback: string }> = {
  people: { env: "PEOPLE_URL", fallback: "http://127.0.0.1:4001/graphql" },
  cases: { env: "CASES_URL", fallback: "http://127.0.0.1:4002/graphql" },
  points: { env: "POINTS_URL", fallback: "http://127.0.0.1:4003/graphql" },
  participation: { env: "PARTICIPATION_URL", fallback: "http://127.0.0.1:4004/graphql" },
  notifications: { env: "NOTIFICATIONS_URL", fallback: "http://127.0.0.1:4005/graphql" },
};

function env(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

// The composed supergraph carries the local defaults; every deployment (tests on random ports,
// containers, Kubernetes) points the gateway elsewhere without recomposing.
// Subscriptions reach a subgraph as Server-Sent Events over the same HTTP endpoint as every other
// operation, POSTed (`method`) so the operation is in the body the gateway signs
// (src/subgraph-signature.ts); a GET would carry it in the URL, outside the signature.
const transportEntries = Object.fromEntries(
  Object.entries(SUBGRAPH_URLS).map(([subgraph, { env: name, fallback }]) => [
    subgraph,
    { location: env(name) ?? fallback, options: { method: "POST" as const } },
  ]),
);

/** Subgraphs that keep photos, served at /media/<name>/... (src/media.ts). */
const MEDIA_SERVICES = ["cases", "people", "participation"];

const supergraphPath = resolve(
  dirname(fileURLToPath(import.meta.url)),
  env("SUPERGRAPH_PATH") ?? "supergraph.graphql",
);
let lastGoodSupergraph: string | undefined;

// Read on start and again every polling interval, so a recomposed supergraph is picked up
// without a restart. The CLI's own file watcher (used when a path is given on the command line)
// crashes the gateway if it reads the file halfway through a rewrite; here a half-written file
// keeps the previous supergraph until the next poll.
function loadSupergraph({ log }: { log: { warn(message: string): void } }): string {
  if (!existsSync(supergraphPath)) {
    throw new Error(`${supergraphPath} does not exist: run \`python scripts/export_schemas.py\``);
  }
  const sdl = readFileSync(supergraphPath, "utf8");
  try {
    parse(sdl);
  } catch (error) {
    if (lastGoodSupergraph === undefined) {
      throw error;
    }
    const reason = error instanceof Error ? error.message : String(error);
    log.warn(`${supergraphPath} does not parse (${reason}); keeping the previous one`);
    return lastGoodSupergraph;
  }
  lastGoodSupergraph = sdl;
  return sdl;
}

// Above the 12 s between the gateway's SSE pings; Bun allows at most 255.
const BUN_IDLE_TIMEOUT_SECONDS = 60;
const IS_BUN = typeof (globalThis as { Bun?: unknown }).Bun !== "undefined";

const settings = readSettings();
const { production, host } = settings;
const GRAPHQL_ENDPOINT = "/graphql";
// A token verifies once, not on every request; trusted no longer than the key it was signed with.
const verifiedTokens = new VerifiedTokens(
  settings.jwksCacheSeconds * 1000,
  settings.tokenCacheSize,
);
const persisted = persistedDocuments(
  settings.persistedOperations,
  resolve(dirname(fileURLToPath(import.meta.url)), settings.persistedOperationsPath),
);

export const gatewayConfig = defineConfig({
  ...(host ? { host } : {}),
  supergraph: loadSupergraph,
  // Hive Router's query planner (Rust, a native addon) and its executor instead of the default
  // stitching runtime: the same answers for about a sixth less CPU per request (bench/FINDINGS.md).
  unifiedGraphHandler,
  graphqlEndpoint: GRAPHQL_ENDPOINT,
  transportEntries,
  graphiql: !production,
  landingPage: !production,
  // An empty origin list would mean "any" to the CORS plugin: no list, no CORS headers at all.
  cors: settings.corsOrigins.includes("*")
    ? { origin: "*" }
    : settings.corsOrigins.length > 0
      ? { origin: settings.corsOrigins, credentials: true }
      : false,
  // Edge authentication (DESIGN.md §6, src/edge-auth.ts): bad tokens never reach planning.
  jwt: jwtOptions(
    new JwksKeySet({
      url: settings.jwksUrl,
      maxAgeMs: settings.jwksCacheSeconds * 1000,
      refetchIntervalMs: settings.jwksRefetchSeconds * 1000,
    }),
  ),
  // Abuse limits (src/limits.ts); what production hides from strangers.
  ...(production ? { disableIntrospection: {}, blockFieldSuggestions: true } : {}),
  ...(persisted ? { persistedDocuments: persisted } : {}),
  // A subgraph that does not answer in time fails its part of the query, not the whole request;
  // fields of the healthy subgraphs still resolve.
  // A subscription is a stream that lasts as long as its client listens (at most an access
  // token's life: the subgraph ends it then), so the timeout is for the other operations only.
  upstreamTimeout: ({ executionRequest }) =>
    executionRequest?.operationType === "subscription" ? undefined : settings.subgraphTimeoutMs,
  // Clients subscribe with Server-Sent Events on /graphql (docs/graph.md, "Live updates"), a
  // plain HTTP request that passes every plugin below (edge auth from the Authorization header,
  // rate and size limits, persisted operations). A WebSocket would skip the HTTP-level ones.
  disableWebsockets: true,
  // On Bun the CLI passes this as Bun.serve's `idleTimeout`, in seconds (default 10): a response
  // that sends nothing for that long is cut. The gateway pings an SSE client only every 12 s, so
  // a quiet subscription would be cut after 10. Node.js reads it as milliseconds to receive a
  // request, and its default already suits: left alone there.
  ...(IS_BUN ? { requestTimeout: BUN_IDLE_TIMEOUT_SECONDS } : {}),
  plugins: () => [
    useClientAddress(settings.trustedProxies),
    // Before the GraphQL size limit: a photo is far larger than any operation.
    useMediaRoutes(
      Object.fromEntries(
        MEDIA_SERVICES.map((name) => [name, transportEntries[name]?.location ?? ""]),
      ),
      settings.maxMediaBytes,
      settings.subgraphSigningSecret,
    ),
    useRequestSizeLimit(settings.maxRequestBytes),
    useRateLimits(settings, GRAPHQL_ENDPOINT),
    useVerifiedTokenCache(verifiedTokens),
    useEdgeAuthErrors(),
    ...documentLimitPlugins(settings),
    useCostLimit(settings.maxCost),
    // The client's Authorization (each subgraph verifies the token again, DESIGN.md §6) and
    // address go to the subgraphs under the gateway's signature.
    useSubgraphSignature(
      settings.subgraphSigningSecret,
      Object.values(transportEntries).map((entry) => entry.location),
    ),
    useSubgraphFailuresAsErrors(),
    useSettledSubgraphSignals(),
    // Last: the gateway's own errors in the request's language (src/messages.ts).
    useLocalizedErrors(),
  ],
  // Prometheus metrics at /metrics, like every service (DESIGN.md §7). The request, error and
  // subgraph-call metrics only: the per-phase histograms repeat what the request duration
  // says (the execute phase's is the request duration itself, observed twice), the summary
  // computes quantiles on every request, and the deprecated-field counter walks every
  // document; together they cost the gateway a sixth of its CPU per request.
  prometheus: {
    endpoint: "/metrics",
    metrics: {
      graphql_envelop_deprecated_field: false,
      graphql_envelop_request_time_summary: false,
      graphql_envelop_phase_parse: false,
      graphql_envelop_phase_validate: false,
      graphql_envelop_phase_context: false,
      graphql_envelop_phase_execute: false,
      graphql_envelop_phase_subscribe: false,
    },
  },
  // Built in: reuse the client's x-request-id or generate a UUID, send it with every subgraph
  // request and echo it on the response.
  requestId: { headerName: "x-request-id" },
});
