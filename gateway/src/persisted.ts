// Persisted operations: the allow-list front-end teams register with `node gateway/persist.mjs`.
// `required` (production's default) runs nothing else; `allowed` runs registered operations by
// hash and arbitrary documents too; `off` ignores the manifest.
import { existsSync, readFileSync } from "node:fs";

import type { GatewayConfig } from "@graphql-hive/gateway";

import type { PersistedMode } from "./settings.ts";

type PersistedDocumentsConfig = NonNullable<GatewayConfig<Record<string, never>>["persistedDocuments"]>;

/** `{"operations": {"<sha256 hex>": "<document>"}}`, as written by persist.mjs. */
export function loadManifest(path: string): Map<string, string> {
  if (!existsSync(path)) {
    throw new Error(`${path} does not exist: register operations with \`node gateway/persist.mjs\``);
  }
  const parsed = JSON.parse(readFileSync(path, "utf8")) as { operations?: Record<string, string> };
  return new Map(Object.entries(parsed.operations ?? {}));
}

export function persistedDocuments(
  mode: PersistedMode,
  manifestPath: string,
): PersistedDocumentsConfig | undefined {
  if (mode === "off") {
    return undefined;
  }
  const manifest = loadManifest(manifestPath);
  return {
    // Clients send the hash as Apollo's `extensions.persistedQuery.sha256Hash` or as `documentId`
    // (either bare hex or "sha256:<hex>").
    getPersistedOperation(key: string) {
      return manifest.get(key.replace(/^sha256:/, "")) ?? null;
    },
    allowArbitraryDocuments: mode === "allowed",
    customErrors: {
      notFound: {
        message:
          "this persisted operation is not registered; register it with `node gateway/persist.mjs` and deploy the gateway",
        extensions: { code: "PERSISTED_QUERY_NOT_FOUND", http: { status: 400 } },
      },
      persistedQueryOnly: {
        message:
          "this gateway runs registered (persisted) operations only: send extensions.persistedQuery.sha256Hash or documentId instead of a query",
        extensions: { code: "PERSISTED_QUERY_REQUIRED", http: { status: 400 } },
      },
      keyNotFound: {
        message:
          "send the operation's hash as extensions.persistedQuery.sha256Hash or as documentId",
        extensions: { code: "PERSISTED_QUERY_REQUIRED", http: { status: 400 } },
      },
    },
  };
}
