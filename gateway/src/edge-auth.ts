// Authentication at the edge (DESIGN.md §6): a bearer token must be an access token signed by
// people's current keys, or the request is refused before it is parsed, let alone planned. No
// token is fine (anonymous); the subgraphs decide what an anonymous caller may see. The client's
// Authorization header is still forwarded (gateway.config.ts) so every subgraph verifies again.
import { generateKeyPairSync } from "node:crypto";

import {
  createRemoteJwksSigningKeyProvider,
  extractFromHeader,
  type GatewayPlugin,
  type JWTAuthPluginOptions,
} from "@graphql-hive/gateway";
import { GraphQLError } from "graphql";

import { gatewayError } from "./errors.ts";

/** Claims fixed by docs/conventions.md ("Identity"). */
export const ISSUER = "grassroots/people";
export const AUDIENCE = "grassroots";

const LOG_IN_AGAIN = "log in again to get a new access token";

// The JWT plugin answers a token whose `kid` people does not publish with a plain Error, which
// Yoga masks as an internal error. A key nobody holds the private half of turns that case into
// the ordinary "signature does not verify" path: UNAUTHENTICATED.
const NOBODY_S_KEY = generateKeyPairSync("rsa", { modulusLength: 2048 })
  .publicKey.export({ type: "spki", format: "pem" })
  .toString();

/** Errors of the JWT plugin (by message: it sets no code) and what we answer instead. */
const PLUGIN_MESSAGES: Record<string, string> = {
  Unauthenticated: `the access token is expired, not yet valid or not signed by people; ${LOG_IN_AGAIN}`,
  "Invalid authentication token provided": `the access token is not a JWT; ${LOG_IN_AGAIN}`,
  "Invalid JWT authentication token prefix.": 'send the access token as "Authorization: Bearer <token>"',
  "Authentication header was set, but token is missing.":
    'the Authorization header has no token; send "Authorization: Bearer <token>" or no header at all',
};

/** When fetching people's keys last failed: such a failure surfaces as a masked internal error. */
let keysUnreachableAt = 0;
const UNREACHABLE_WINDOW_MS = 10_000;

export function jwtOptions(jwksUrl: string, cacheSeconds: number): JWTAuthPluginOptions {
  const jwks = createRemoteJwksSigningKeyProvider({
    jwksUri: jwksUrl,
    // Keys are cached per kid; an unknown kid fetches the JWKS again (at most 10 times a minute,
    // so forged kids cannot make the gateway hammer people).
    cache: true,
    cacheMaxAge: cacheSeconds * 1000,
    rateLimit: true,
    jwksRequestsPerMinute: 10,
    timeout: 5000,
  });
  return {
    signingKeyProviders: [
      async (kid) => {
        try {
          return await jwks(kid);
        } catch (error) {
          const name = error instanceof Error ? error.name : "";
          if (name === "SigningKeyNotFoundError" || name === "JwksRateLimitError") {
            return NOBODY_S_KEY;
          }
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

interface JwtContext {
  jwt?: { payload?: { sub?: unknown; typ?: unknown; exp?: unknown } };
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
          `this token is not an access token with a subject and an expiry; ${LOG_IN_AGAIN}`,
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
            "cannot verify access tokens right now: people's signing keys are unreachable; retry shortly",
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
