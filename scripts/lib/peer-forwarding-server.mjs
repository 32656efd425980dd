// An HTTP server that, like any well-behaved proxy, appends the TCP peer's address to
// X-Forwarded-For before handing the request on. The right-most hop is then always the direct
// peer, and lib/auth/client-ip.ts decides with TRUSTED_PROXIES how much of the rest to believe.
import { createServer } from "node:http";

/** The request's X-Forwarded-For with the peer's address appended. */
export function withPeerAddress(forwardedFor, peer) {
  const prior = Array.isArray(forwardedFor) ? forwardedFor.join(", ") : (forwardedFor ?? "");
  return [prior.trim(), peer ?? ""].filter(Boolean).join(", ");
}

export function createPeerForwardingServer(handle) {
  return createServer((req, res) => {
    req.headers["x-forwarded-for"] = withPeerAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress);
    Promise.resolve(handle(req, res)).catch((error) => {
      console.error(error);
      if (!res.headersSent) res.statusCode = 500;
      res.end();
    });
  });
}
