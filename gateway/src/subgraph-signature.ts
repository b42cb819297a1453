// The gateway's signature on every subgraph request (DESIGN.md §8, "Boundaries"). In production
// the subgraphs serve only requests signed with the secret they share with the gateway, so a
// caller who reaches a subgraph port directly cannot skip the gateway's limits, and cannot claim
// another client address or carry a token the gateway has not checked.
//
// The signed message (libs/kit's gateway_signature.py verifies the same bytes):
//   "v1\n" + timestamp + "\n" + authorization + "\n" + x-client-address + "\n" + body
// sent as `x-gateway-timestamp: <unix seconds>` and `x-gateway-signature: v1=<hex HMAC-SHA256>`.
import { createHmac } from "node:crypto";

import type { GatewayPlugin } from "@graphql-hive/gateway";

import { knownClientAddress } from "./client-address.ts";

export const TIMESTAMP_HEADER = "x-gateway-timestamp";
export const SIGNATURE_HEADER = "x-gateway-signature";
export const CLIENT_ADDRESS_HEADER = "x-client-address";

/** The hex HMAC-SHA256 of the signed message; pure, so tests can check it against Python's. */
export function signature(
  secret: string,
  timestamp: string,
  authorization: string,
  clientAddress: string,
  body: string | Uint8Array,
): string {
  const hmac = createHmac("sha256", secret);
  hmac.update(`v1\n${timestamp}\n${authorization}\n${clientAddress}\n`);
  hmac.update(body);
  return hmac.digest("hex");
}

function bodyBytes(body: unknown): string | Uint8Array {
  if (body === undefined || body === null) {
    return "";
  }
  if (typeof body === "string" || body instanceof Uint8Array) {
    return body;
  }
  if (body instanceof ArrayBuffer) {
    return new Uint8Array(body);
  }
  // A stream cannot be signed without reading it; nothing configured here sends one.
  throw new Error("the gateway cannot sign a streamed subgraph request body");
}

interface FetchOptions {
  headers?: Record<string, string> | Headers;
  body?: unknown;
}

/**
 * Sends the client's Authorization, address and Accept-Language to the subgraphs (the only
 * client headers they read) and, when `secret` is set, signs each request over both and its body.
 */
export function useSubgraphSignature(
  secret: string | undefined,
  subgraphUrls: readonly string[],
): GatewayPlugin {
  const subgraphs = new Set(subgraphUrls);
  return {
    onFetch({ url, options, setOptions, context }) {
      if (!subgraphs.has(url)) {
        return;
      }
      const request = (context as { request?: Request } | undefined)?.request;
      const given = (options as FetchOptions).headers;
      const headers: Record<string, string> =
        given instanceof Headers ? Object.fromEntries(given.entries()) : { ...given };
      // Only what the gateway itself vouches for goes out under these names.
      for (const name of Object.keys(headers)) {
        const lower = name.toLowerCase();
        if (
          lower === "authorization" ||
          lower === CLIENT_ADDRESS_HEADER ||
          lower === TIMESTAMP_HEADER ||
          lower === SIGNATURE_HEADER
        ) {
          delete headers[name];
        }
      }
      const authorization = request?.headers.get("authorization") ?? "";
      const clientAddress = request ? (knownClientAddress(request) ?? "") : "";
      if (authorization) {
        headers.authorization = authorization;
      }
      if (clientAddress) {
        headers[CLIENT_ADDRESS_HEADER] = clientAddress;
      }
      // The language the client reads: subgraphs answer labels and messages in it. Not signed:
      // it grants nothing, and a subgraph reads only the locales it knows from it.
      const acceptLanguage = request?.headers.get("accept-language");
      if (acceptLanguage && acceptLanguage.length <= 200) {
        headers["accept-language"] = acceptLanguage;
      }
      if (secret !== undefined) {
        const timestamp = String(Math.floor(Date.now() / 1000));
        const body = bodyBytes((options as FetchOptions).body);
        headers[TIMESTAMP_HEADER] = timestamp;
        headers[SIGNATURE_HEADER] =
          `v1=${signature(secret, timestamp, authorization, clientAddress, body)}`;
      }
      setOptions({ ...options, headers } as typeof options);
    },
  };
}
