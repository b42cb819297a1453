// Calls to the subgraphs. The HTTP executor combines the signal of each call (here the upstream
// timeout's) with one signal that lives as long as the gateway, by listening on both; that
// listener goes away only when the combined signal aborts or is garbage collected, which for a
// finished call means a full collection. Until then the listeners pile up on the long-lived
// signal, thousands of them, and adding each new one walks them all: under load that walk cost
// more CPU than the rest of the gateway's work on a small query, and the heap grew with it.
import type { GatewayPlugin } from "@graphql-hive/gateway";

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
 * untouched: the timeout and the gateway's shutdown abort it as before. Streams (subscriptions,
 * `@defer`) are left to the garbage collector, as before.
 */
export function useSettledSubgraphSignals(): GatewayPlugin {
  return {
    onSubgraphExecute({ executionRequest, executor, setExecutor }) {
      if ((executionRequest as ExecutionRequestWithSignal).signal !== undefined) {
        return; // a signal from elsewhere: keep it as it is
      }
      // The executor's type is generic in its result; this one returns whatever it returns.
      const settling = (request: Parameters<typeof executor>[0]): unknown => {
        const settled = new AbortController();
        const release = (): void => settled.abort(SETTLED);
        (request as ExecutionRequestWithSignal).signal = settled.signal;
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
