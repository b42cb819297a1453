// Persisted operations: the allow-list front-end teams register with `node gateway/persist.mjs`.
// `required` (production's default) runs nothing else; `allowed` runs registered operations by
// hash and arbitrary documents too; `off` ignores the manifest.
import { existsSync, readFileSync } from "node:fs";

import type { GatewayConfig } from "@graphql-hive/gateway";

import { I18N_KEY, said } from "./messages.ts";
import type { PersistedMode } from "./settings.ts";

const NOT_REGISTERED = said(
  "this persisted operation is not registered; register it with `node gateway/persist.mjs` and deploy the gateway",
  "此持久化操作尚未登记；请用 `node gateway/persist.mjs` 登记后重新部署网关",
);
const ONLY_REGISTERED = said(
  "this gateway runs registered (persisted) operations only: send extensions.persistedQuery.sha256Hash or documentId instead of a query",
  "本网关只执行已登记（持久化）的操作：请发送 extensions.persistedQuery.sha256Hash 或 documentId，而不是查询文本",
);
const SEND_HASH = said(
  "send the operation's hash as extensions.persistedQuery.sha256Hash or as documentId",
  "请以 extensions.persistedQuery.sha256Hash 或 documentId 发送操作的哈希值",
);

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
        message: NOT_REGISTERED.en,
        extensions: { code: "PERSISTED_QUERY_NOT_FOUND", [I18N_KEY]: NOT_REGISTERED, http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: ONLY_REGISTERED.en,
        extensions: { code: "PERSISTED_QUERY_REQUIRED", [I18N_KEY]: ONLY_REGISTERED, http: { status: 400 } },
      },
      keyNotFound: {
        message: SEND_HASH.en,
        extensions: { code: "PERSISTED_QUERY_REQUIRED", [I18N_KEY]: SEND_HASH, http: { status: 400 } },
      },
    },
  };
}
