// The production server: Next.js's request handler behind a plain Node HTTP server whose only job is
// to record who is really on the other end of the socket (peer-forwarding-server.mjs). `next start`
// keeps a client's own X-Forwarded-For untouched and drops the peer address, which let any client
// pick the address the rate limits count.
//
//   node scripts/lib/serve-next.mjs --port 3000 [--hostname 127.0.0.1]
//
// Plain JavaScript so it runs on Node without a TypeScript loader; scripts/lib/next-cli.ts starts it
// wherever `next start` was run before.
import next from "next";
import { createPeerForwardingServer } from "./peer-forwarding-server.mjs";

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const port = Number(option("port", process.env.PORT ?? "3000"));
const hostname = option("hostname", undefined);

const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createPeerForwardingServer(handle);
server.listen(port, hostname, () => console.log(`▲ Ready on http://${hostname ?? "localhost"}:${port}`));

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
