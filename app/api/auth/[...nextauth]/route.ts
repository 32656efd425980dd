// Auth.js endpoints: /api/auth/csrf, /api/auth/callback/credentials, /api/auth/session, /api/auth/signout…
//
// Auth.js alone would report a session for any well-sealed cookie; ours also need their server-side
// session (lib/auth/sessions.ts). GET /api/auth/session therefore answers null for a revoked
// session, as for no session, and expires the dead cookie.
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionCookieState } from "@/lib/auth/api-auth";
import { handlers } from "@/lib/auth/auth";

export const POST = handlers.POST;

export async function GET(request: Parameters<typeof handlers.GET>[0]): Promise<Response> {
  if (new URL(request.url).pathname.endsWith("/session") && (await sessionCookieState(request)) === "revoked") {
    const response = Response.json(null, { headers: { "cache-control": "no-store" } });
    for (const name of [SESSION_COOKIE, SECURE_SESSION_COOKIE]) {
      const secure = name.startsWith("__Secure-") ? "; Secure" : "";
      response.headers.append("set-cookie", `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${secure}`);
    }
    return response;
  }
  return handlers.GET(request);
}
