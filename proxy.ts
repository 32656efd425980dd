// Runs before every route (Next.js 16's replacement for middleware.ts), on the Node.js runtime.
// Two jobs, both without touching the database:
//   1. Security headers on every response, with a fresh CSP nonce per request (lib/http/security-headers.ts).
//   2. Tell server components which page was asked for (x-pathname), so a signed-out visitor to a
//      protected page is sent to /sign-in?callbackUrl=<that page> and comes back to it
//      (lib/auth/require-user.ts). Any x-pathname the client sent is overwritten.
// Authorization is NOT done here: every page, action and route checks the user itself.
import { NextResponse, type NextRequest } from "next/server";
import { generateNonce, securityHeaders } from "@/lib/http/security-headers";

export function proxy(request: NextRequest) {
  const nonce = generateNonce();
  const dev = process.env.NODE_ENV === "development";
  const headers = securityHeaders({ nonce, dev, production: process.env.NODE_ENV === "production" });

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
  requestHeaders.set("x-pathname", `${request.nextUrl.pathname}${request.nextUrl.search}`);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Everything but build assets (content-hashed, served as is) and the favicon.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
