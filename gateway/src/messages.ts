// The gateway's own messages in the two languages the subgraphs speak (docs/i18n.md). A message
// is made with both texts where it is raised; `useLocalizedErrors` sends the one the request's
// Accept-Language asks for (default DEFAULT_LOCALE, zh-CN), with the same `extensions.code`.
// The subgraphs' messages are translated by the subgraphs: the gateway forwards Accept-Language.
import type { GatewayPlugin } from "@graphql-hive/gateway";
import { GraphQLError } from "graphql";

export type Locale = "zh-CN" | "en";
export const LOCALES: readonly Locale[] = ["zh-CN", "en"];

/** A message in both languages. */
export interface Said {
  en: string;
  "zh-CN": string;
}

export function said(en: string, zh: string): Said {
  return { en, "zh-CN": zh };
}

/** Where a message waits in `extensions` until the response is sent; never sent itself. */
export const I18N_KEY = "i18n";

/** The supported locale an Accept-Language header prefers, else `fallback` (as the subgraphs do). */
export function negotiate(header: string | null | undefined, fallback: Locale): Locale {
  if (!header) {
    return fallback;
  }
  let best: { quality: number; locale: Locale } | undefined;
  for (const part of header.split(",").slice(0, 20)) {
    const [tag = "", ...params] = part.trim().split(";");
    let quality = 1;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    if (q !== undefined) {
      quality = Number(q.slice(2));
      if (Number.isNaN(quality)) {
        continue;
      }
    }
    if (!(quality > 0 && quality <= 1)) {
      continue;
    }
    const primary = tag.trim().toLowerCase().split("-")[0];
    const locale: Locale | undefined =
      primary === "zh" ? "zh-CN" : primary === "en" ? "en" : primary === "*" ? fallback : undefined;
    if (locale !== undefined && (best === undefined || quality > best.quality)) {
      best = { quality, locale };
    }
  }
  return best?.locale ?? fallback;
}

export function defaultLocale(): Locale {
  const given = process.env.DEFAULT_LOCALE?.trim();
  if (given === undefined || given === "") {
    return "zh-CN";
  }
  if (!(LOCALES as readonly string[]).includes(given)) {
    throw new Error(`DEFAULT_LOCALE=${given}: expected one of ${LOCALES.join(", ")}`);
  }
  return given as Locale;
}

/** The language of a request that asks for none the gateway speaks (DEFAULT_LOCALE, read once). */
export const FALLBACK_LOCALE: Locale = defaultLocale();

function localized(error: GraphQLError, locale: Locale): GraphQLError {
  const extensions = error.extensions ?? {};
  const message = extensions[I18N_KEY] as Said | undefined;
  if (message === undefined) {
    return error;
  }
  const { [I18N_KEY]: _, ...rest } = extensions;
  return new GraphQLError(message[locale], {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: rest,
  });
}

/** Sends the gateway's own errors in the request's language; last among the plugins. */
export function useLocalizedErrors(fallback: Locale = FALLBACK_LOCALE): GatewayPlugin {
  return {
    onResultProcess({ request, result, setResult }) {
      if (Array.isArray(result) || !result || !("errors" in result) || !result.errors) {
        return;
      }
      const errors = result.errors as readonly GraphQLError[];
      if (!errors.some((error) => error.extensions?.[I18N_KEY] !== undefined)) {
        return;
      }
      const locale = negotiate(request.headers.get("accept-language"), fallback);
      setResult({ ...result, errors: errors.map((error) => localized(error, locale)) });
    },
  };
}
