// Photos go around the GraphQL parser (issue 20): a service's upload mutation hands out a
// short-lived, single-use upload URL and its photo fields short-lived download URLs, both
// paths on this gateway:
//
//   PUT /media/<service>/upload/<token>   the photo's bytes → the service's /media/upload/<token>
//   GET /media/<service>/file/<token>     → the service's /media/file/<token>
//
// Subgraphs are reachable only from the gateway (NetworkPolicy, signed requests), so the
// gateway forwards these to the named subgraph, with its own body cap (MAX_MEDIA_BYTES, far
// above the GraphQL one) and under the same signature as every subgraph request
// (src/subgraph-signature.ts): the service checks it on /media/ as on /graphql. The token is the
// permission; the service checks it, the photo and everything else.
import type { GatewayPlugin } from "@graphql-hive/gateway";

import { knownClientAddress } from "./client-address.ts";
import { errorResponse, gatewayError } from "./errors.ts";
import { said } from "./messages.ts";
import {
  CLIENT_ADDRESS_HEADER,
  SIGNATURE_HEADER,
  signature,
  TIMESTAMP_HEADER,
} from "./subgraph-signature.ts";

/** Headers of the service's answer passed back to the client. */
const ANSWER_HEADERS = [
  "content-type",
  "cache-control",
  "content-disposition",
  "x-content-type-options",
];
const KINDS: Record<string, string> = { upload: "PUT", file: "GET" };
// A token is about 120 characters of base64url and one dot (libs/kit media/tokens.py).
const TOKEN = /^[A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{1,100}$/;

function notFound(fetchAPI: { Response: typeof Response }, request: Request): Response {
  return errorResponse(
    fetchAPI,
    gatewayError("NOT_FOUND", said("no such photo address", "没有这个照片地址"), 404),
    request,
  );
}

function tooLarge(
  fetchAPI: { Response: typeof Response },
  request: Request,
  size: string | number,
  maxBytes: number,
): Response {
  return errorResponse(
    fetchAPI,
    gatewayError(
      "PAYLOAD_TOO_LARGE",
      said(
        `the photo has ${size} bytes; the limit is ${maxBytes}`,
        `照片有 ${size} 字节，上限为 ${maxBytes}`,
      ),
      413,
    ),
    request,
  );
}

/** The body, read chunk by chunk; undefined as soon as it grows past `maxBytes` (a chunked
 * upload declares no length, so the cap is enforced while reading, not after). */
async function readCapped(request: Request, maxBytes: number): Promise<Uint8Array | undefined> {
  if (request.body === null) {
    return new Uint8Array();
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) {
      break;
    }
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const whole = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    whole.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return whole;
}

/**
 * `services` maps a subgraph name to its GraphQL URL; the media paths are on the same origin.
 * Only the services listed keep photos.
 */
export function useMediaRoutes(
  services: Record<string, string>,
  maxBytes: number,
  secret: string | undefined,
): GatewayPlugin {
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      if (!url.pathname.startsWith("/media/")) {
        return;
      }
      const [, , service, kind, token, ...rest] = url.pathname.split("/");
      const graphqlUrl = services[service ?? ""];
      if (
        graphqlUrl === undefined ||
        kind === undefined ||
        KINDS[kind] === undefined ||
        token === undefined ||
        !TOKEN.test(token) ||
        rest.length > 0
      ) {
        endResponse(notFound(fetchAPI, request));
        return;
      }
      const method = KINDS[kind];
      if (request.method !== method && !(method === "GET" && request.method === "HEAD")) {
        endResponse(
          new fetchAPI.Response(null, { status: 405, headers: { allow: method } }),
        );
        return;
      }
      let body: Uint8Array = new Uint8Array();
      if (method === "PUT") {
        const declared = request.headers.get("content-length");
        if (declared !== null && Number(declared) > maxBytes) {
          endResponse(tooLarge(fetchAPI, request, declared, maxBytes));
          return;
        }
        const read = await readCapped(request, maxBytes);
        if (read === undefined) {
          endResponse(tooLarge(fetchAPI, request, `over ${maxBytes}`, maxBytes));
          return;
        }
        body = read;
      }
      const headers: Record<string, string> = {};
      const authorization = request.headers.get("authorization") ?? "";
      const clientAddress = knownClientAddress(request) ?? "";
      if (authorization) {
        headers.authorization = authorization;
      }
      if (clientAddress) {
        headers[CLIENT_ADDRESS_HEADER] = clientAddress;
      }
      const acceptLanguage = request.headers.get("accept-language");
      if (acceptLanguage && acceptLanguage.length <= 200) {
        headers["accept-language"] = acceptLanguage;
      }
      const requestId = request.headers.get("x-request-id");
      if (requestId && requestId.length <= 200) {
        headers["x-request-id"] = requestId;
      }
      if (method === "PUT") {
        headers["content-type"] = "application/octet-stream";
      }
      if (secret !== undefined) {
        const timestamp = String(Math.floor(Date.now() / 1000));
        headers[TIMESTAMP_HEADER] = timestamp;
        headers[SIGNATURE_HEADER] =
          `v1=${signature(secret, timestamp, authorization, clientAddress, body)}`;
      }
      const target = new URL(`/media/${kind}/${token}`, graphqlUrl);
      let answer: Response;
      try {
        answer = await fetch(target, {
          method,
          headers,
          ...(method === "PUT" ? { body } : {}),
        });
      } catch {
        endResponse(
          errorResponse(
            fetchAPI,
            gatewayError(
              "SERVICE_UNAVAILABLE",
              said(
                `The ${service} service is unavailable; try again shortly.`,
                `${service} 服务暂时不可用，请稍后再试。`,
              ),
              503,
            ),
            request,
          ),
        );
        return;
      }
      const passed: Record<string, string> = {};
      for (const name of ANSWER_HEADERS) {
        const value = answer.headers.get(name);
        if (value !== null) {
          passed[name] = value;
        }
      }
      const bytes = request.method === "HEAD" ? null : await answer.arrayBuffer();
      endResponse(new fetchAPI.Response(bytes, { status: answer.status, headers: passed }));
    },
  };
}
