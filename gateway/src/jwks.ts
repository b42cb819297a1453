// People's public keys (its JWKS), held as one set.
//
// A token names its key by `kid`. A known kid is answered from the set, never waiting on a
// fetch. An unknown kid may be a key people has just started signing with, so it may cause a
// fetch, but at most one per `refetchIntervalMs` for the whole gateway, whatever kids are asked
// for: a flood of forged kids costs people one request per interval and never delays or blocks
// a token signed with a known key (a per-request budget shared by every kid did, issue 16).
// The set is refreshed once `maxAgeMs` old, so a key people stops publishing stops verifying
// here that late at most; if people does not answer then, the set in hand keeps serving.
import { createPublicKey } from "node:crypto";

export type Fetch = (url: string, init: { signal: AbortSignal }) => Promise<Response>;

export class KeysUnreachableError extends Error {
  override name = "KeysUnreachableError";
}

export interface JwksOptions {
  url: string;
  maxAgeMs: number;
  refetchIntervalMs: number;
  timeoutMs?: number;
  fetch?: Fetch;
  now?: () => number;
}

interface Jwk {
  kid?: unknown;
  kty?: unknown;
  use?: unknown;
}

export class JwksKeySet {
  #keys = new Map<string, string>();
  #fetchedAt = Number.NEGATIVE_INFINITY;
  #attemptedAt = Number.NEGATIVE_INFINITY;
  #inFlight: Promise<void> | undefined;
  /** Fetches made (for tests and metrics). */
  fetches = 0;

  constructor(readonly options: JwksOptions) {}

  /** The PEM of `kid`, or undefined when people does not publish it (after at most one fetch). */
  async key(kid: string | undefined): Promise<string | undefined> {
    const now = this.#now();
    if (now - this.#fetchedAt >= this.options.maxAgeMs && this.#mayFetch(now)) {
      await this.#refresh(this.#keys.size === 0);
    }
    const known = kid === undefined ? undefined : this.#keys.get(kid);
    if (known !== undefined || kid === undefined) {
      return known;
    }
    if (this.#mayFetch(this.#now())) {
      await this.#refresh(this.#keys.size === 0);
    }
    if (this.#fetchedAt === Number.NEGATIVE_INFINITY) {
      // Never fetched: whether the kid is people's is unknown, which is not the client's fault.
      throw new KeysUnreachableError(`people's JWKS at ${this.options.url} has not been fetched yet`);
    }
    return this.#keys.get(kid);
  }

  #now(): number {
    return (this.options.now ?? Date.now)();
  }

  #mayFetch(now: number): boolean {
    return this.#inFlight !== undefined || now - this.#attemptedAt >= this.options.refetchIntervalMs;
  }

  /** One fetch at a time; callers arriving meanwhile wait for it. `strict`: a failure throws. */
  async #refresh(strict: boolean): Promise<void> {
    if (this.#inFlight === undefined) {
      this.#attemptedAt = this.#now();
      this.#inFlight = this.#fetch().finally(() => {
        this.#inFlight = undefined;
      });
    }
    try {
      await this.#inFlight;
    } catch (error) {
      if (strict) {
        throw error;
      }
      // Keys in hand keep verifying while people is unreachable; retried after the interval.
    }
  }

  async #fetch(): Promise<void> {
    this.fetches += 1;
    const fetchFn = this.options.fetch ?? (fetch as Fetch);
    let body: { keys?: unknown };
    try {
      const response = await fetchFn(this.options.url, {
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      if (!response.ok) {
        throw new Error(`HTTP ${response.status}`);
      }
      body = (await response.json()) as { keys?: unknown };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new KeysUnreachableError(`people's JWKS at ${this.options.url}: ${reason}`);
    }
    const keys = new Map<string, string>();
    for (const jwk of Array.isArray(body.keys) ? (body.keys as Jwk[]) : []) {
      if (typeof jwk.kid !== "string" || jwk.kty !== "RSA" || (jwk.use !== undefined && jwk.use !== "sig")) {
        continue;
      }
      try {
        const pem = createPublicKey({ key: jwk as never, format: "jwk" })
          .export({ type: "spki", format: "pem" })
          .toString();
        keys.set(jwk.kid, pem);
      } catch {
        // a key that does not parse verifies nothing
      }
    }
    this.#keys = keys;
    this.#fetchedAt = this.#now();
  }
}
