// Authentication at the edge (DESIGN.md §6): a bearer token must be an access token signed by
// people's current keys, or the request is refused before it is parsed, let alone planned. No
// token is fine (anonymous); the subgraphs decide what an anonymous caller may see. The client's
// Authorization header is still forwarded (gateway.config.ts) so every subgraph verifies again.
import { generateKeyPairSync } from "node:crypto";

import {
  extractFromHeader,
  type GatewayPlugin,
  type JWTAuthPluginOptions,
} from "@graphql-hive/gateway";
import { GraphQLError } from "graphql";

import { gatewayError } from "./errors.ts";
import type { JwksKeySet } from "./jwks.ts";
import { type Said, said } from "./messages.ts";

/** Claims fixed by docs/conventions.md ("Identity"). */
export const ISSUER = "grassroots/people";
export const AUDIENCE = "grassroots";

const LOG_IN_AGAIN = said(
  "log in again to get a new access token",
  "请重新登录以获取新的访问令牌",
);

// The JWT plugin answers a token whose `kid` people does not publish with a plain Error, which
// Yoga masks as an internal error. A key nobody holds the private half of turns that case into
// the ordinary "signature does not verify" path: UNAUTHENTICATED.
const NOBODY_S_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .publicKey.export({ type: "spki", format: "pem" })
  .toString();

/** Errors of the JWT plugin (by message: it sets no code) and what we answer instead. */
const PLUGIN_MESSAGES: Record<string, Said> = {
  Unauthenticated: said(
    `the access token is expired, not yet valid or not signed by people; ${LOG_IN_AGAIN.en}`,
    `访问令牌已过期、尚未生效或不是由 people 服务签发；${LOG_IN_AGAIN["zh-CN"]}`,
  ),
  "Invalid authentication token provided": said(
    `the access token is not a JWT; ${LOG_IN_AGAIN.en}`,
    `访问令牌不是 JWT；${LOG_IN_AGAIN["zh-CN"]}`,
  ),
  "Invalid JWT authentication token prefix.": said(
    'send the access token as "Authorization: Bearer <token>"',
    '请以 "Authorization: Bearer <令牌>" 的形式发送访问令牌',
  ),
  "Authentication header was set, but token is missing.": said(
    'the Authorization header has no token; send "Authorization: Bearer <token>" or no header at all',
    'Authorization 请求头中没有令牌；请发送 "Authorization: Bearer <令牌>"，或者不带该请求头',
  ),
};

/** When fetching people's keys last failed: such a failure surfaces as a masked internal error. */
let keysUnreachableAt = 0;
const UNREACHABLE_WINDOW_MS = 10_000;

export function jwtOptions(keys: JwksKeySet): JWTAuthPluginOptions {
  return {
    signingKeyProviders: [
      async (kid) => {
        try {
          // A kid people does not publish (src/jwks.ts: found out with at most one fetch per
          // interval for the whole gateway) gets a key that verifies nothing.
          return (await keys.key(kid)) ?? NOBODY_S_KEY;
        } catch (error) {
          keysUnreachableAt = Date.now();
          throw error; // people unreachable: not the client's fault (see useEdgeAuthErrors)
        }
      },
    ],
    tokenLookupLocations: [extractFromHeader({ name: "authorization", prefix: "Bearer" })],
    tokenVerification: { algorithms: ["RS256"], issuer: ISSUER, audience: AUDIENCE },
    reject: { missingToken: false, invalidToken: true },
    // The subgraphs read the forwarded Authorization header, not a payload in `extensions`.
    forward: { payload: false, token: false },
  };
}

/** What the JWT plugin puts in the context (`jwt`) once a token verifies. */
interface VerifiedJwt {
  payload?: { sub?: unknown; typ?: unknown; exp?: unknown };
  token?: { value: string; prefix?: string };
}

interface JwtContext {
  jwt?: VerifiedJwt;
}

/**
 * Authorization headers whose token verified, with what the JWT plugin made of them, until the
 * token's `exp` and at most `maxAgeMs` (the time a fetched key is trusted anyway, so a key people
 * stops publishing stops verifying here just as late as before). RS256 verification and parsing
 * the key cost more than the rest of the gateway's work for a small query; a client sends the
 * same token for many requests. Only verified tokens get in: a forged one is verified (and
 * refused) every time it is sent.
 */
export class VerifiedTokens {
  readonly #entries = new Map<string, { jwt: VerifiedJwt; until: number }>();

  constructor(
    readonly maxAgeMs: number,
    readonly maxEntries = 10_000,
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  get(header: string, now = Date.now()): VerifiedJwt | undefined {
    const entry = this.#entries.get(header);
    if (entry === undefined) {
      return undefined;
    }
    if (now >= entry.until) {
      this.#entries.delete(header);
      return undefined;
    }
    return entry.jwt;
  }

  remember(header: string, jwt: VerifiedJwt, now = Date.now()): void {
    const exp = jwt.payload?.exp;
    if (this.maxAgeMs <= 0 || this.maxEntries <= 0 || typeof exp !== "number") {
      return;
    }
    // jsonwebtoken refuses a token once the current second reaches `exp`.
    const until = Math.min(exp * 1000, now + this.maxAgeMs);
    if (until <= now || this.#entries.has(header)) {
      return;
    }
    if (this.#entries.size >= this.maxEntries) {
      this.#evict(now);
    }
    this.#entries.set(header, { jwt, until });
  }

  /** Drops the expired entries, and the oldest ones if that is not enough. */
  #evict(now: number): void {
    for (const [header, entry] of this.#entries) {
      if (now >= entry.until) {
        this.#entries.delete(header);
      }
    }
    for (const header of this.#entries.keys()) {
      if (this.#entries.size < this.maxEntries) {
        break;
      }
      this.#entries.delete(header);
    }
  }
}

/**
 * Serves the JWT plugin's verdict on a header it has verified before. It must come after the
 * built-in `jwt` plugin (every user plugin does): on a hit, `onRequest` sets `jwt` where the
 * JWT plugin would, and the JWT plugin, seeing it set, skips its lookup and verification; on a
 * miss the JWT plugin verifies (and refuses) as always, and `onContextBuilding` remembers what
 * it accepted. The same header byte for byte means the same token, prefix and verdict.
 */
export function useVerifiedTokenCache(tokens: VerifiedTokens): GatewayPlugin {
  return {
    onRequest({ request, serverContext }) {
      const header = request.headers.get("authorization");
      if (header === null) {
        return;
      }
      const jwt = tokens.get(header);
      if (jwt !== undefined) {
        (serverContext as JwtContext).jwt = jwt;
      }
    },
    onContextBuilding({ context }) {
      const { jwt, request } = context as JwtContext & { request?: Request };
      const header = request?.headers.get("authorization");
      if (jwt?.payload !== undefined && jwt.token !== undefined && header) {
        tokens.remember(header, jwt);
      }
    },
  };
}

/**
 * What the JWT plugin does not check: the token is an access token (not a refresh token) with a
 * subject and an expiry; and its errors get our code and a message a person can act on.
 */
export function useEdgeAuthErrors(): GatewayPlugin {
  return {
    onContextBuilding({ context }) {
      const payload = (context as JwtContext).jwt?.payload;
      if (payload === undefined) {
        return;
      }
      if (payload.typ !== "access" || typeof payload.sub !== "string" || typeof payload.exp !== "number") {
        throw gatewayError(
          "UNAUTHENTICATED",
          said(
            `this token is not an access token with a subject and an expiry; ${LOG_IN_AGAIN.en}`,
            `此令牌不是带有主体和有效期的访问令牌；${LOG_IN_AGAIN["zh-CN"]}`,
          ),
          401,
        );
      }
    },
    onResultProcess({ request, result, setResult }) {
      if (Array.isArray(result) || !result || !("errors" in result) || !result.errors) {
        return;
      }
      let changed = false;
      const keysJustFailed =
        Date.now() - keysUnreachableAt < UNREACHABLE_WINDOW_MS && request.headers.has("authorization");
      const errors = result.errors.map((error) => {
        // The JWT plugin reports unreachable keys as a plain Error, which Yoga masks.
        if (keysJustFailed && error.extensions?.code === "INTERNAL_SERVER_ERROR") {
          changed = true;
          return gatewayError(
            "SERVICE_UNAVAILABLE",
            said(
              "cannot verify access tokens right now: people's signing keys are unreachable; retry shortly",
              "暂时无法验证访问令牌：无法获取 people 服务的签名密钥，请稍后重试",
            ),
            503,
            { headers: { "retry-after": "5" } },
          );
        }
        const replacement = PLUGIN_MESSAGES[error.message];
        const status = (error.extensions?.http as { status?: number } | undefined)?.status;
        if (replacement === undefined || (status !== 401 && status !== 400) || error.extensions?.code) {
          return error;
        }
        changed = true;
        return gatewayError("UNAUTHENTICATED", replacement, 401);
      });
      if (changed) {
        setResult({ ...result, errors: errors as GraphQLError[] });
      }
    },
  };
}
