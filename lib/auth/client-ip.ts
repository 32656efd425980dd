// The client's address for rate limiting (sign-in, sign-up).
//
// The app is served by scripts/lib/serve-next.mjs, which — like any well-behaved proxy — appends
// the address of the TCP peer to X-Forwarded-For, so the right-most hop is always the direct peer.
// (Plain `next start` sets the header to the peer only when the client sent none.) Everything to
// its left was written by someone else. We walk the chain from the right and stop at the first hop
// that is not one of our TRUSTED_PROXIES: with no trusted proxies that is the peer itself, so a
// client's own X-Forwarded-For is ignored; behind a trusted load balancer it is the address the
// balancer saw. X-Real-IP and the left-most hop are never trusted: the client writes them.
import { BlockList, isIP } from "node:net";

export const UNKNOWN_IP = "unknown";

/** A parsed TRUSTED_PROXIES list: comma-separated addresses and CIDR ranges (IPv4 and IPv6). */
export function parseTrustedProxies(value: string | undefined): BlockList {
  const list = new BlockList();
  for (const raw of (value ?? "").split(",")) {
    const entry = raw.trim();
    if (!entry) continue;
    const [address, prefix] = entry.split("/") as [string, string | undefined];
    const family = isIP(address);
    if (family === 0 || (prefix !== undefined && !/^\d{1,3}$/.test(prefix))) {
      throw new Error(`TRUSTED_PROXIES: "${entry}" is not an IP address or CIDR range.`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

let configured: { source: string | undefined; list: BlockList } | undefined;
function configuredTrustedProxies(): BlockList {
  const source = process.env.TRUSTED_PROXIES;
  if (!configured || configured.source !== source) configured = { source, list: parseTrustedProxies(source) };
  return configured.list;
}

/** "::ffff:10.0.0.1" → "10.0.0.1", so IPv4 peers on a dual-stack socket match IPv4 ranges. */
function normalize(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

export function clientIpFromHeaders(headers: Headers, trustedProxies: BlockList = configuredTrustedProxies()): string {
  const hops = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((hop) => normalize(hop.trim()))
    .filter(Boolean);
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    // The first untrusted hop from the right is the client; so is a malformed one (a trusted proxy
    // passed on whatever its own client claimed), and so is the last hop when every hop is trusted.
    if (i === 0 || !isTrusted(trustedProxies, hop)) return hop.slice(0, 100);
  }
  return UNKNOWN_IP;
}
