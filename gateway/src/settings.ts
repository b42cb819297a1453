// The gateway's environment, read once at start. Every knob has a default that is safe for a
// developer's machine; production (ENVIRONMENT=production) tightens the ones that matter.

export type PersistedMode = "off" | "allowed" | "required";

export interface Settings {
  production: boolean;
  host: string | undefined;
  jwksUrl: string;
  /** Seconds a fetched JWKS key is trusted before it is fetched again. */
  jwksCacheSeconds: number;
  /** Verified Authorization headers remembered (src/edge-auth.ts); 0 verifies every request. */
  tokenCacheSize: number;
  maxDepth: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  maxCost: number;
  maxRequestBytes: number;
  rateLimitWindowSeconds: number;
  /** Requests per window from one client address; 0 turns the limit off. */
  rateLimitPerIp: number;
  /** Requests per window from one authenticated person (token `sub`); 0 turns it off. */
  rateLimitPerUser: number;
  /** Take the client address from the first X-Forwarded-For entry (behind a trusted proxy). */
  trustProxy: boolean;
  subgraphTimeoutMs: number;
  persistedOperations: PersistedMode;
  persistedOperationsPath: string;
  /** Allowed browser origins; `*` for any. */
  corsOrigins: string[];
}

function text(name: string): string | undefined {
  const value = process.env[name]?.trim();
  return value ? value : undefined;
}

function integer(name: string, fallback: number): number {
  const raw = text(name);
  if (raw === undefined) {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) {
    throw new Error(`${name}=${raw}: expected a whole number of 0 or more`);
  }
  return value;
}

function flag(name: string, fallback: boolean): boolean {
  const raw = text(name)?.toLowerCase();
  if (raw === undefined) {
    return fallback;
  }
  if (["1", "true", "yes", "on"].includes(raw)) {
    return true;
  }
  if (["0", "false", "no", "off"].includes(raw)) {
    return false;
  }
  throw new Error(`${name}=${raw}: expected true or false`);
}

function persistedMode(production: boolean): PersistedMode {
  const raw = text("PERSISTED_OPERATIONS")?.toLowerCase() ?? (production ? "required" : "allowed");
  if (raw !== "off" && raw !== "allowed" && raw !== "required") {
    throw new Error(`PERSISTED_OPERATIONS=${raw}: expected off, allowed or required`);
  }
  return raw;
}

export function readSettings(): Settings {
  const production = text("ENVIRONMENT") === "production";
  const origins = text("CORS_ORIGINS") ?? (production ? "" : "*");
  return {
    production,
    host: text("HOST"),
    jwksUrl: text("JWKS_URL") ?? "http://127.0.0.1:4001/.well-known/jwks.json",
    jwksCacheSeconds: integer("JWKS_CACHE_SECONDS", 600),
    tokenCacheSize: integer("TOKEN_CACHE_SIZE", 10_000),
    maxDepth: integer("MAX_DEPTH", 10),
    maxAliases: integer("MAX_ALIASES", 15),
    maxDirectives: integer("MAX_DIRECTIVES", 20),
    maxTokens: integer("MAX_TOKENS", 2000),
    maxCost: integer("MAX_COST", 20_000),
    maxRequestBytes: integer("MAX_REQUEST_BYTES", 100_000),
    rateLimitWindowSeconds: Math.max(1, integer("RATE_LIMIT_WINDOW_SECONDS", 60)),
    // Off on a developer's machine (the demo loader is one busy client), on in production.
    rateLimitPerIp: integer("RATE_LIMIT_PER_IP", production ? 1200 : 0),
    rateLimitPerUser: integer("RATE_LIMIT_PER_USER", production ? 600 : 0),
    trustProxy: flag("TRUST_PROXY", false),
    subgraphTimeoutMs: integer("SUBGRAPH_TIMEOUT_MS", 10_000),
    persistedOperations: persistedMode(production),
    persistedOperationsPath: text("PERSISTED_OPERATIONS_PATH") ?? "persisted-operations.json",
    corsOrigins: origins
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
}
