import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientIpFromHeaders, parseTrustedProxies } from "../../lib/auth/client-ip";
import { createPeerForwardingServer, withPeerAddress } from "./peer-forwarding-server.mjs";

describe("withPeerAddress", () => {
  it("appends the peer to whatever the client sent", () => {
    expect(withPeerAddress(undefined, "127.0.0.1")).toBe("127.0.0.1");
    expect(withPeerAddress("6.6.6.6", "127.0.0.1")).toBe("6.6.6.6, 127.0.0.1");
    expect(withPeerAddress(["6.6.6.6", "7.7.7.7"], "::1")).toBe("6.6.6.6, 7.7.7.7, ::1");
  });
});

describe("the production server in front of Next", () => {
  const server = createPeerForwardingServer((req, res) => {
    res.end(String(req.headers["x-forwarded-for"]));
  });
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("makes a client's own X-Forwarded-For worthless unless the peer is a trusted proxy", async () => {
    const seen = await (await fetch(url, { headers: { "x-forwarded-for": "203.0.113.99" } })).text();
    expect(seen).toBe("203.0.113.99, 127.0.0.1");
    const headers = new Headers({ "x-forwarded-for": seen });
    expect(clientIpFromHeaders(headers, parseTrustedProxies(""))).toBe("127.0.0.1");
    expect(clientIpFromHeaders(headers, parseTrustedProxies("127.0.0.1"))).toBe("203.0.113.99");
  });
});
