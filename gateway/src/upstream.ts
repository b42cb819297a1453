// Calls to the subgraphs.
//
// Signals. The HTTP executor combines the signal of each call (the upstream timeout's, and the
// client request's where the runtime passes it) with one signal that lives as long as the
// gateway, by listening on both; that listener goes away only when the combined signal aborts or
// is garbage collected, which for a finished call means a full collection. Until then the
// listeners pile up on the long-lived signal, thousands of them, and adding each new one walks
// them all: under load that walk cost more CPU than the rest of the gateway's work on a small
// query, and the heap grew with it.
//
// Failures. A call that fails outright (connection refused or reset, the upstream timeout) is
// handed to the runtime as a result carrying the error, the way a subgraph reports its own
// errors: Hive Router's executor then puts the error on the fields the call was to resolve. As a
// thrown error it would come back without a path, or masked as "Unexpected error.".
import type { GatewayPlugin } from "@graphql-hive/gateway";
import { GraphQLError } from "graphql";

import { I18N_KEY, said } from "./messages.ts";

/** The abort reason once a call has settled; nothing is listening for it by then. */
const SETTLED = new Error("the subgraph call has settled");

interface ExecutionRequestWithSignal {
  signal?: AbortSignal;
}

function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === "function";
}

function isAsyncIterable(value: unknown): boolean {
  return typeof (value as { [Symbol.asyncIterator]?: unknown } | null)?.[Symbol.asyncIterator] === "function";
}

/**
 * Gives every subgraph call a signal of its own and aborts it once the call has settled, so the
 * signals combined from it abort too and drop their listeners at once. A call still running is
 * untouched: the timeout, the client going away (when the call came with the request's signal)
 * and the gateway's shutdown abort it as before. Streams (subscriptions, `@defer`) are left to
 * the garbage collector, as before.
 */
export function useSettledSubgraphSignals(): GatewayPlugin {
  return {
    onSubgraphExecute({ executor, setExecutor }) {
      // The executor's type is generic in its result; this one returns whatever it returns.
      const settling = (request: Parameters<typeof executor>[0]): unknown => {
        const call = request as ExecutionRequestWithSignal;
        const given = call.signal;
        const settled = new AbortController();
        // The given signal (the client's request) still aborts the call while it runs.
        const follow = (): void => settled.abort(given?.reason);
        if (given?.aborted) {
          follow();
        } else {
          given?.addEventListener("abort", follow, { once: true });
        }
        const release = (): void => {
          given?.removeEventListener("abort", follow);
          settled.abort(SETTLED);
        };
        call.signal = settled.signal;
        let result: unknown;
        try {
          result = executor(request);
        } catch (error) {
          release();
          throw error;
        }
        if (!isPromiseLike(result)) {
          if (!isAsyncIterable(result)) {
            release();
          }
          return result;
        }
        return result.then(
          (value) => {
            if (!isAsyncIterable(value)) {
              release();
            }
            return value;
          },
          (error: unknown) => {
            release();
            throw error;
          },
        );
      };
      setExecutor(settling as typeof executor);
    },
  };
}

/**
 * What the gateway itself reports about a failed subgraph call, said plainly: a refused or reset
 * connection or a bad HTTP answer is SERVICE_UNAVAILABLE, the upstream timeout GATEWAY_TIMEOUT,
 * each naming the subgraph and nothing of its address or of the request sent to it (Hive's own
 * errors carry both, and one caused by a Node error is masked as "Unexpected error."). A call
 * that throws or rejects answers `{ data: null, errors: [...] }` instead, so that Hive Router's
 * executor puts the error on the fields the call was to resolve. Errors a subgraph returns in its
 * own response pass untouched.
 */
export function useSubgraphFailuresAsErrors(): GatewayPlugin {
  return {
    onSubgraphExecute({ subgraphName, executor, setExecutor }) {
      const answering = (request: Parameters<typeof executor>[0]): unknown => {
        let result: unknown;
        try {
          result = executor(request);
        } catch (error) {
          return failedCall(subgraphName, error);
        }
        if (!isPromiseLike(result)) {
          return plainFailures(subgraphName, result);
        }
        return result.then(
          (value) => plainFailures(subgraphName, value),
          (error: unknown) => failedCall(subgraphName, error),
        );
      };
      setExecutor(answering as typeof executor);
    },
  };
}

interface ResultWithErrors {
  errors?: readonly unknown[];
}

/** `result` with the gateway's own failure errors restated; the same object when it has none. */
function plainFailures(subgraph: string, result: unknown): unknown {
  const errors = (result as ResultWithErrors | null)?.errors;
  if (!Array.isArray(errors) || !errors.some(isCallFailure)) {
    return result;
  }
  return {
    ...(result as object),
    errors: errors.map((error) => (isCallFailure(error) ? callFailure(subgraph, error) : error)),
  };
}

function failedCall(
  subgraph: string,
  error: unknown,
): { data: null; errors: GraphQLError[] } {
  return { data: null, errors: [callFailure(subgraph, error)] };
}

const TIMEOUT_CODE = "GATEWAY_TIMEOUT";

/** The subgraphs' names as a Chinese reader knows them. */
const SERVICE_NAMES: Record<string, string> = {
  people: "人员",
  cases: "案件",
  points: "积分",
  participation: "议事",
  notifications: "通知",
};
const TRANSPORT_CODE = "SUBREQUEST_HTTP_ERROR";

/** An error the gateway made about the call, not one the subgraph answered with. */
function isCallFailure(error: unknown): boolean {
  if (!(error instanceof GraphQLError)) {
    return true;
  }
  const code = error.extensions?.code;
  if (code === TIMEOUT_CODE || code === TRANSPORT_CODE) {
    return true;
  }
  return error.originalError != null && !(error.originalError instanceof GraphQLError);
}

function callFailure(subgraph: string, error: unknown): GraphQLError {
  const timedOut =
    error instanceof GraphQLError
      ? error.extensions?.code === TIMEOUT_CODE
      : (error as { name?: unknown } | null)?.name === "TimeoutError";
  const name = SERVICE_NAMES[subgraph] ?? subgraph;
  const message = timedOut
    ? said(
        `The ${subgraph} service timed out; try again shortly.`,
        `${name}服务响应超时，请稍后再试。`,
      )
    : said(
        `The ${subgraph} service is unavailable; try again shortly.`,
        `${name}服务暂时不可用，请稍后再试。`,
      );
  return new GraphQLError(message.en, {
    ...(error instanceof GraphQLError ? { path: error.path } : {}),
    extensions: {
      code: timedOut ? TIMEOUT_CODE : "SERVICE_UNAVAILABLE",
      serviceName: subgraph,
      [I18N_KEY]: message,
    },
  });
}
