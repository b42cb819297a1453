// Who is asking: the address of the client, for the per-address rate limit and for the
// subgraphs (`x-client-address`, which people's login throttle keys on).
//
// The peer of the TCP connection is the client unless it is one of our own proxies (the
// ingress): then, and only then, X-Forwarded-For says who the proxy was talking to. The header
// is read from the right (each proxy appends the address it saw), skipping our own proxies; the
// first address that is not one of ours is the client. A client that sends its own
// X-Forwarded-For gets it appended to, not believed.
import { isIPv4, isIPv6 } from "node:net";

import type { GatewayPlugin } from "@graphql-hive/gateway";

/** One CIDR block as a 128-bit range (IPv4 as IPv4-mapped IPv6, ::ffff:a.b.c.d). */
export interface Cidr {
  readonly text: string;
  readonly base: bigint;
  readonly mask: bigint;
}

const ALL_ONES = (1n << 128n) - 1n;
const V4_MAPPED = 0xffffn << 32n;

function v4ToBigInt(address: string): bigint {
  return address.split(".").reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

function v6ToBigInt(address: string): bigint {
  let text = address;
  let tail: bigint[] = [];
  const lastColon = text.lastIndexOf(":");
  const maybeV4 = text.slice(lastColon + 1);
  if (isIPv4(maybeV4)) {
    // ::ffff:10.0.0.1 and friends: the last 32 bits written as IPv4.
    const v4 = v4ToBigInt(maybeV4);
    tail = [v4 >> 16n, v4 & 0xffffn];
    text = text.slice(0, lastColon + 1) + "0:0";
  }
  const [head, rest] = text.includes("::") ? text.split("::") : [text, undefined];
  const left = head ? head.split(":") : [];
  const right = rest ? rest.split(":") : [];
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array(rest === undefined ? 0 : missing).fill("0"), ...right];
  let value = groups.reduce((acc, group) => (acc << 16n) | BigInt(parseInt(group || "0", 16)), 0n);
  if (tail.length > 0) {
    value = (value & ~0xffffffffn) | (tail[0]! << 16n) | tail[1]!;
  }
  return value;
}

/** The address as 128 bits (IPv4 mapped into IPv6), or undefined when it is not an address. */
export function addressToBigInt(address: string): bigint | undefined {
  const bare = address.trim().replace(/^\[|\]$/g, "").split("%")[0] ?? "";
  if (isIPv4(bare)) {
    return V4_MAPPED | v4ToBigInt(bare);
  }
  if (isIPv6(bare)) {
    return v6ToBigInt(bare);
  }
  return undefined;
}

/** Parses `10.0.0.0/8`, `fd00::/8` or a single address; throws naming what is wrong. */
export function parseCidr(text: string): Cidr {
  const [address = "", bits] = text.trim().split("/");
  const base = addressToBigInt(address);
  if (base === undefined) {
    throw new Error(`${text}: not an IP address or CIDR block`);
  }
  const v4 = isIPv4(address.trim());
  const width = v4 ? 32 : 128;
  const prefix = bits === undefined ? width : Number(bits);
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > width) {
    throw new Error(`${text}: the prefix length must be 0 to ${width}`);
  }
  const hostBits = BigInt(width - prefix);
  const mask = ALL_ONES ^ ((1n << hostBits) - 1n);
  return { text: text.trim(), base: base & mask, mask };
}

export function parseCidrList(text: string | undefined): Cidr[] {
  return (text ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)
    .map(parseCidr);
}

export function inAny(address: string, blocks: readonly Cidr[]): boolean {
  const value = addressToBigInt(address);
  return value !== undefined && blocks.some((block) => (value & block.mask) === block.base);
}

/** `::ffff:10.1.2.3` as `10.1.2.3`, so one client has one spelling (and one rate-limit key). */
function canonical(address: string): string {
  const bare = address.trim().replace(/^\[|\]$/g, "");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  return mapped ? mapped[1]! : bare;
}

/**
 * The client's address: the peer's, unless the peer is a trusted proxy; then the right-most
 * X-Forwarded-For entry that is not a trusted proxy (or the left-most one when every entry is).
 * A malformed entry ends the walk there: what lies left of it cannot be trusted either.
 */
export function resolveClientAddress(
  peer: string | undefined,
  forwardedFor: string | null | undefined,
  trusted: readonly Cidr[],
): string {
  if (peer === undefined || peer === "") {
    return "unknown";
  }
  if (!inAny(peer, trusted) || !forwardedFor) {
    return canonical(peer);
  }
  const hops = forwardedFor
    .split(",")
    .map((hop) => hop.trim())
    .filter(Boolean);
  let client = canonical(peer);
  for (let i = hops.length - 1; i >= 0; i -= 1) {
    const hop = hops[i]!;
    if (addressToBigInt(hop) === undefined) {
      break;
    }
    client = canonical(hop);
    if (!inAny(hop, trusted)) {
      break;
    }
  }
  return client;
}

interface NodeServerContext {
  req?: { socket?: { remoteAddress?: string } };
}

interface BunServer {
  requestIP?: (request: Request) => { address: string } | null;
}

/**
 * The TCP peer of the request on the runtime serving it. Bun passes its `Server` to the handler
 * and the gateway hands plugins an object inheriting from it (Object.create), on which Bun's
 * `requestIP` refuses to run: it is called on the server itself, found up the prototype chain.
 * Node.js passes the `IncomingMessage` as `req`.
 */
export function peerAddress(request: Request, serverContext: unknown): string | undefined {
  if (typeof (serverContext as BunServer | undefined)?.requestIP === "function") {
    for (let server = serverContext as object | null; server; server = Object.getPrototypeOf(server)) {
      try {
        const ip = (server as BunServer).requestIP?.(request);
        if (ip?.address) {
          return ip.address;
        }
      } catch {
        // not the server (ERR_INVALID_THIS): keep walking
      }
    }
  }
  return (serverContext as NodeServerContext | undefined)?.req?.socket?.remoteAddress;
}

/** Each client request's resolved address, for every plugin that needs it (limits, signing). */
const resolved = new WeakMap<Request, string>();

export function clientAddressOf(
  request: Request,
  serverContext: unknown,
  trusted: readonly Cidr[],
): string {
  let address = resolved.get(request);
  if (address === undefined) {
    address = resolveClientAddress(
      peerAddress(request, serverContext),
      request.headers.get("x-forwarded-for"),
      trusted,
    );
    resolved.set(request, address);
  }
  return address;
}

/** The address resolved for this request earlier (by the rate limit), if any. */
export function knownClientAddress(request: Request): string | undefined {
  return resolved.get(request);
}

/** Resolves every request's client address first thing, while the runtime's peer is at hand. */
export function useClientAddress(trusted: readonly Cidr[]): GatewayPlugin {
  return {
    onRequest({ request, serverContext }) {
      clientAddressOf(request, serverContext, trusted);
    },
  };
}
