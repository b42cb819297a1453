// Errors the gateway raises itself. Every one carries `extensions.code` (DESIGN.md §4) and the
// HTTP status Yoga answers with; `extensions.http` is stripped before the response is sent.
// Each message is written in both languages (src/messages.ts) and sent in the request's.
import { GraphQLError } from "graphql";

import { FALLBACK_LOCALE, I18N_KEY, type Locale, negotiate, type Said } from "./messages.ts";

export type GatewayErrorCode =
  | "UNAUTHENTICATED"
  | "SERVICE_UNAVAILABLE"
  | "QUERY_TOO_COMPLEX"
  | "PAYLOAD_TOO_LARGE"
  | "NOT_FOUND"
  | "RATE_LIMITED"
  | "PERSISTED_QUERY_NOT_FOUND"
  | "PERSISTED_QUERY_REQUIRED";

export function gatewayError(
  code: GatewayErrorCode,
  message: Said,
  status: number,
  extra: { headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): GraphQLError {
  return new GraphQLError(message.en, {
    extensions: {
      ...extra.extensions,
      code,
      [I18N_KEY]: message,
      http: { status, ...(extra.headers ? { headers: extra.headers } : {}) },
    },
  });
}

/** A complete GraphQL-over-HTTP error response, for hooks that answer before Yoga parses. */
export function errorResponse(
  fetchAPI: { Response: typeof Response },
  error: GraphQLError,
  request: Request,
  fallback: Locale = FALLBACK_LOCALE,
): Response {
  const {
    http,
    [I18N_KEY]: said,
    ...extensions
  } = (error.extensions ?? {}) as {
    http?: { status?: number; headers?: Record<string, string> };
    [I18N_KEY]?: Said;
  };
  const locale = negotiate(request.headers.get("accept-language"), fallback);
  const message = said?.[locale] ?? error.message;
  const body = JSON.stringify({ errors: [{ message, extensions }] });
  return new fetchAPI.Response(body, {
    status: http?.status ?? 400,
    headers: { "content-type": "application/json; charset=utf-8", ...http?.headers },
  });
}
