// Abuse limits (DESIGN.md §6): what one request may ask for and how often one client may ask.
// Document limits are graphql-armor's validation rules; the size and rate limits answer before
// the body is even parsed.
import { maxAliasesPlugin } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthPlugin } from "@escape.tech/graphql-armor-max-depth";
import { maxDirectivesPlugin } from "@escape.tech/graphql-armor-max-directives";
import { maxTokensPlugin } from "@escape.tech/graphql-armor-max-tokens";
import type { GatewayPlugin } from "@graphql-hive/gateway";
import type { GraphQLError } from "graphql";

import { clientAddressOf } from "./client-address.ts";
import { operationCost } from "./cost.ts";
import { errorResponse, gatewayError } from "./errors.ts";
import { said } from "./messages.ts";
import type { Settings } from "./settings.ts";

/** Armor's errors read "Syntax Error: Depth limit of 10 exceeded, found 11."; give them our code. */
function tagged(limit: string) {
  return {
    exposeLimits: true,
    onReject: [
      (_context: unknown, error: GraphQLError) => {
        error.message = error.message.replace(/^Syntax Error: /, "");
        const extensions = error.extensions as Record<string, unknown>;
        extensions.code = "QUERY_TOO_COMPLEX";
        extensions.limit = limit;
        extensions.http = { status: 400 };
      },
    ],
  };
}

export function documentLimitPlugins(settings: Settings): GatewayPlugin[] {
  const plugins: unknown[] = [];
  // 0 turns a limit off (for a debugging session; never in production).
  if (settings.maxTokens > 0) {
    plugins.push(maxTokensPlugin({ n: settings.maxTokens, ...tagged("maxTokens") }));
  }
  if (settings.maxDepth > 0) {
    plugins.push(
      maxDepthPlugin({ n: settings.maxDepth, ignoreIntrospection: true, ...tagged("maxDepth") }),
    );
  }
  if (settings.maxAliases > 0) {
    plugins.push(maxAliasesPlugin({ n: settings.maxAliases, ...tagged("maxAliases") }));
  }
  if (settings.maxDirectives > 0) {
    plugins.push(maxDirectivesPlugin({ n: settings.maxDirectives, ...tagged("maxDirectives") }));
  }
  return plugins as GatewayPlugin[];
}

/**
 * Refuses an operation whose cost (src/cost.ts: page sizes included, from the document or its
 * variables) is over `maxCost`, before any subgraph is called.
 */
export function useCostLimit(maxCost: number): GatewayPlugin {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      if (maxCost <= 0) {
        return;
      }
      const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues);
      if (cost > maxCost) {
        setResultAndStopExecution({
          errors: [
            gatewayError(
              "QUERY_TOO_COMPLEX",
              said(
                `Query Cost limit of ${maxCost} exceeded, found ${Math.ceil(cost)}; ask for smaller pages (\`first\`) or fewer nested lists`,
                `查询开销超出上限 ${maxCost}（本次为 ${Math.ceil(cost)}）；请减小分页（\`first\`）或减少嵌套列表`,
              ),
              400,
              { extensions: { limit: "maxCost" } },
            ),
          ],
        });
      }
    },
  };
}

/** Refuses a request body over `maxBytes` (by Content-Length) before reading it. */
export function useRequestSizeLimit(maxBytes: number): GatewayPlugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (maxBytes <= 0 || request.method !== "POST") {
        return;
      }
      const declared = request.headers.get("content-length");
      if (declared === null) {
        // Chunked bodies cannot be measured up front; every GraphQL client sends a length.
        if (request.headers.get("transfer-encoding")) {
          endResponse(
            errorResponse(
              fetchAPI,
              gatewayError(
                "PAYLOAD_TOO_LARGE",
                said("send the request body with a Content-Length", "请求体须带 Content-Length 发送"),
                411,
              ),
              request,
            ),
          );
        }
        return;
      }
      if (Number(declared) > maxBytes) {
        endResponse(
          errorResponse(
            fetchAPI,
            gatewayError(
              "PAYLOAD_TOO_LARGE",
              said(
                `the request body has ${declared} bytes; the limit is ${maxBytes}`,
                `请求体有 ${declared} 字节，上限为 ${maxBytes}`,
              ),
              413,
            ),
            request,
          ),
        );
      }
    },
  };
}

/**
 * Fixed-window counters in this process's memory: one gateway replica's view. The limit shared
 * by every replica is the ingress's (deploy/k8s/base/ingress.yaml, docs/security.md).
 */
class Windows {
  #counts = new Map<string, { start: number; count: number }>();

  constructor(readonly windowMs: number) {}

  /** Counts a hit for `key`; the seconds until its window ends when it is over `max`, else 0. */
  hit(key: string, max: number, now = Date.now()): number {
    let entry = this.#counts.get(key);
    if (entry === undefined || now - entry.start >= this.windowMs) {
      if (this.#counts.size > 100_000) {
        this.#sweep(now);
      }
      entry = { start: now, count: 0 };
      this.#counts.set(key, entry);
    }
    entry.count += 1;
    if (entry.count <= max) {
      return 0;
    }
    return Math.max(1, Math.ceil((entry.start + this.windowMs - now) / 1000));
  }

  #sweep(now: number): void {
    for (const [key, entry] of this.#counts) {
      if (now - entry.start >= this.windowMs) {
        this.#counts.delete(key);
      }
    }
  }
}

function rateLimited(who: string, settings: Settings, retryAfter: number): GraphQLError {
  return gatewayError(
    "RATE_LIMITED",
    said(
      `too many requests from this ${who}; retry in ${retryAfter} s`,
      `来自此${who === "address" ? "地址" : "用户"}的请求过多，请 ${retryAfter} 秒后重试`,
    ),
    429,
    { headers: { "retry-after": String(retryAfter) }, extensions: { retryAfterSeconds: retryAfter } },
  );
}

/**
 * Per client address (before parsing, so a flood costs little) and per authenticated person
 * (once the token is verified: one person on many addresses still has one budget).
 */
export function useRateLimits(settings: Settings, graphqlEndpoint: string): GatewayPlugin {
  const windows = new Windows(settings.rateLimitWindowSeconds * 1000);
  return {
    onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (settings.rateLimitPerIp <= 0 || url.pathname !== graphqlEndpoint) {
        return;
      }
      const address = clientAddressOf(request, serverContext, settings.trustedProxies);
      const retryAfter = windows.hit(`ip:${address}`, settings.rateLimitPerIp);
      if (retryAfter > 0) {
        endResponse(errorResponse(fetchAPI, rateLimited("address", settings, retryAfter), request));
      }
    },
    onContextBuilding({ context }) {
      const subject = (context as { jwt?: { payload?: { sub?: unknown } } }).jwt?.payload?.sub;
      if (settings.rateLimitPerUser <= 0 || typeof subject !== "string") {
        return;
      }
      const retryAfter = windows.hit(`user:${subject}`, settings.rateLimitPerUser);
      if (retryAfter > 0) {
        throw rateLimited("person", settings, retryAfter);
      }
    },
  };
}
