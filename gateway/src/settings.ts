// The gateway's environment, read once at start. Every knob has a default that is safe for a
// developer's machine; production (ENVIRONMENT=production) tightens the ones that matter.
import { type Cidr, parseCidrList } from "./client-address.ts";

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
  /** Largest photo body `/media/<service>/upload/...` forwards (src/media.ts). */
  maxMediaBytes: number;
  rateLimitWindowSeconds: number;
  /** Requests per window from one client address; 0 turns the limit off. */
  rateLimitPerIp: number;
  /** Requests per window from one authenticated person (token `sub`); 0 turns it off. */
  rateLimitPerUser: number;
  /** Seconds between two JWKS fetches caused by a `kid` the gateway does not know. */
  jwksRefetchSeconds: number;
  /**
   * Proxies (the ingress) whose X-Forwarded-For is believed: CIDR blocks. A request from any
   * other peer is keyed on the peer's own address (src/client-address.ts).
   */
  trustedProxies: Cidr[];
  /** HMAC key every subgraph request is signed with (src/subgraph-signature.ts); required in production. */
  subgraphSigningSecret: string | undefined;
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

function persistedMode(production: boolean): PersistedMode {
  const raw = text("PERSISTED_OPERATIONS")?.toLowerCase() ?? (production ? "required" : "allowed");
  if (raw !== "off" && raw !== "allowed" && raw !== "required") {
    throw new Error(`PERSISTED_OPERATIONS=${raw}: expected off, allowed or required`);
  }
  return raw;
}

function trustedProxies(): Cidr[] {
  if (text("TRUST_PROXY") !== undefined) {
    // The old flag believed any X-Forwarded-For: refuse it rather than silently trust nobody.
    throw new Error(
      "TRUST_PROXY is gone: list the proxies whose X-Forwarded-For to believe in TRUSTED_PROXIES (CIDR blocks, comma-separated)",
    );
  }
  try {
    return parseCidrList(text("TRUSTED_PROXIES"));
  } catch (error) {
    throw new Error(`TRUSTED_PROXIES: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A key shorter than 32 bytes is guessable offline from one signed request. */
const MIN_SECRET_LENGTH = 32;

function signingSecret(production: boolean): string | undefined {
  const secret = text("SUBGRAPH_SIGNING_SECRET");
  if (secret === undefined) {
    if (production) {
      throw new Error(
        "SUBGRAPH_SIGNING_SECRET is required in production: the subgraphs refuse unsigned requests",
      );
    }
    return undefined;
  }
  if (secret.length < MIN_SECRET_LENGTH) {
    throw new Error(`SUBGRAPH_SIGNING_SECRET must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  return secret;
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
    // The services' MEDIA_MAX_BYTES (10 MB) and the room they leave over it.
    maxMediaBytes: integer("MAX_MEDIA_BYTES", 10_065_536),
    rateLimitWindowSeconds: Math.max(1, integer("RATE_LIMIT_WINDOW_SECONDS", 60)),
    // Off on a developer's machine (the demo loader is one busy client), on in production.
    rateLimitPerIp: integer("RATE_LIMIT_PER_IP", production ? 1200 : 0),
    rateLimitPerUser: integer("RATE_LIMIT_PER_USER", production ? 600 : 0),
    jwksRefetchSeconds: integer("JWKS_REFETCH_SECONDS", 30),
    trustedProxies: trustedProxies(),
    subgraphSigningSecret: signingSecret(production),
    subgraphTimeoutMs: integer("SUBGRAPH_TIMEOUT_MS", 10_000),
    persistedOperations: persistedMode(production),
    persistedOperationsPath: text("PERSISTED_OPERATIONS_PATH") ?? "persisted-operations.json",
    corsOrigins: origins
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
}
