// Errors the gateway raises itself. Every one carries `extensions.code` (DESIGN.md §4) and the
// HTTP status Yoga answers with; `extensions.http` is stripped before the response is sent.
import { GraphQLError } from "graphql";

export type GatewayErrorCode =
  | "UNAUTHENTICATED"
  | "SERVICE_UNAVAILABLE"
  | "QUERY_TOO_COMPLEX"
  | "PAYLOAD_TOO_LARGE"
  | "RATE_LIMITED"
  | "PERSISTED_QUERY_NOT_FOUND"
  | "PERSISTED_QUERY_REQUIRED";

export function gatewayError(
  code: GatewayErrorCode,
  message: string,
  status: number,
  extra: { headers?: Record<string, string>; extensions?: Record<string, unknown> } = {},
): GraphQLError {
  return new GraphQLError(message, {
    extensions: {
      ...extra.extensions,
      code,
      http: { status, ...(extra.headers ? { headers: extra.headers } : {}) },
    },
  });
}

/** A complete GraphQL-over-HTTP error response, for hooks that answer before Yoga parses. */
export function errorResponse(
  fetchAPI: { Response: typeof Response },
  error: GraphQLError,
): Response {
  const { http, ...extensions } = (error.extensions ?? {}) as {
    http?: { status?: number; headers?: Record<string, string> };
  };
  const body = JSON.stringify({ errors: [{ message: error.message, extensions }] });
  return new fetchAPI.Response(body, {
    status: http?.status ?? 400,
    headers: { "content-type": "application/json; charset=utf-8", ...http?.headers },
  });
}
