// The production server: Next.js's request handler behind a plain Node HTTP server whose only job is
// to record who is really on the other end of the socket. Like any well-behaved proxy it appends
// the TCP peer's address to X-Forwarded-For, so the right-most hop is always the direct peer and
// lib/auth/client-ip.ts can decide, with TRUSTED_PROXIES, how much of the rest to believe.
// (`next start` itself keeps a client's X-Forwarded-For untouched and drops the peer address, which
// let any client pick the address the rate limits count.)
//
//   node scripts/lib/serve-next.mjs --port 3000 [--hostname 127.0.0.1]
//
// Plain JavaScript so it runs on Node without a TypeScript loader; scripts/lib/next-cli.ts starts it
// wherever `next start` was run before.
import { createServer } from "node:http";
import next from "next";

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const port = Number(option("port", process.env.PORT ?? "3000"));
const hostname = option("hostname", undefined);

/** The request's X-Forwarded-For with the socket's peer address appended. */
function withPeerAddress(forwardedFor, peer) {
  const prior = Array.isArray(forwardedFor) ? forwardedFor.join(", ") : (forwardedFor ?? "");
  return [prior.trim(), peer ?? ""].filter(Boolean).join(", ");
}

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  req.headers["x-forwarded-for"] = withPeerAddress(req.headers["x-forwarded-for"], req.socket.remoteAddress);
  handle(req, res).catch((error) => {
    console.error(error);
    if (!res.headersSent) res.statusCode = 500;
    res.end();
  });
});
server.listen(port, hostname, () => console.log(`▲ Ready on http://${hostname ?? "localhost"}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
