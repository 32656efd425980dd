import { describe, expect, it } from "vitest";
import { clientIpFromHeaders, parseTrustedProxies } from "./client-ip";

const xff = (value: string) => new Headers({ "x-forwarded-for": value });
const none = parseTrustedProxies("");

describe("clientIpFromHeaders", () => {
  it("without trusted proxies, takes the direct peer (the right-most hop), whatever the client claims", () => {
    expect(clientIpFromHeaders(xff("203.0.113.7"), none)).toBe("203.0.113.7");
    // A client sending its own X-Forwarded-For: the server appends the real peer, which wins.
    expect(clientIpFromHeaders(xff("1.2.3.4, 198.51.100.9"), none)).toBe("198.51.100.9");
  });

  it("behind trusted proxies, takes the right-most untrusted hop", () => {
    const trusted = parseTrustedProxies("10.0.0.0/8, 127.0.0.1");
    expect(clientIpFromHeaders(xff("203.0.113.7, 10.1.2.3"), trusted)).toBe("203.0.113.7");
    // The left-most hop is the client's own claim; the proxy appended what it really saw.
    expect(clientIpFromHeaders(xff("6.6.6.6, 203.0.113.7, 10.1.2.3, 127.0.0.1"), trusted)).toBe("203.0.113.7");
    // A peer that is not trusted: its X-Forwarded-For is ignored.
    expect(clientIpFromHeaders(xff("6.6.6.6, 192.0.2.1"), trusted)).toBe("192.0.2.1");
    // Every hop trusted: the left-most one.
    expect(clientIpFromHeaders(xff("10.0.0.5, 10.0.0.1"), trusted)).toBe("10.0.0.5");
  });

  it("normalizes IPv4-mapped IPv6 peers and matches IPv6 ranges", () => {
    const trusted = parseTrustedProxies("127.0.0.1,::1,fd00::/8");
    expect(clientIpFromHeaders(xff("203.0.113.7, ::ffff:127.0.0.1"), trusted)).toBe("203.0.113.7");
    expect(clientIpFromHeaders(xff("2001:db8::1, fd00::7"), trusted)).toBe("2001:db8::1");
    expect(clientIpFromHeaders(xff("::ffff:192.0.2.4"), none)).toBe("192.0.2.4");
  });

  it("never uses X-Real-IP, and answers unknown without any address", () => {
    expect(clientIpFromHeaders(new Headers({ "x-real-ip": "198.51.100.2" }), none)).toBe("unknown");
    expect(clientIpFromHeaders(new Headers(), none)).toBe("unknown");
  });

  it("refuses a malformed TRUSTED_PROXIES entry", () => {
    expect(() => parseTrustedProxies("10.0.0.0/8, proxy.internal")).toThrow(/proxy\.internal/);
  });
});
