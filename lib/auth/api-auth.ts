// Authorization for route handlers. A request is authenticated by either
//   - `Authorization: Bearer ch_…` (a personal API token), or
//   - the Auth.js session cookie, decoded from the request itself (no next/headers), so these
//     functions work the same in a route handler and in an integration test with a plain Request.
// A present but bad Authorization header is refused outright rather than falling back to the cookie.
import { getToken } from "next-auth/jwt";
import { AppError } from "@/lib/errors/app-error";
import { bearerToken } from "./api-token-format";
import { findUserByApiToken } from "./api-tokens";
import { findSessionUser, type SessionUser } from "./session-user";

export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

export async function authenticateApiRequest(request: Request): Promise<SessionUser> {
  const token = bearerToken(request.headers);
  if (token !== null) {
    const user = token ? await findUserByApiToken(token) : null;
    if (!user) throw new AppError("unauthorized", "The API token is invalid or has been revoked.");
    return user;
  }
  const user = await sessionUser(request);
  if (!user) throw new AppError("unauthorized", "Sign in or send an API token (Authorization: Bearer …).");
  return user;
}

export async function requireApiAdmin(request: Request): Promise<SessionUser> {
  const user = await authenticateApiRequest(request);
  if (user.role !== "ADMIN") throw new AppError("forbidden", "You do not have permission to do that.");
  return user;
}

/**
 * "revoked" when the request carries a well-sealed session cookie whose server-side session has
 * ended (signed out elsewhere, password changed); "live" or "none" otherwise.
 */
export async function sessionCookieState(request: Request): Promise<"none" | "live" | "revoked"> {
  const jwt = await sessionToken(request);
  if (!jwt?.sub) return "none";
  return (await findSessionUser(jwt.sub, typeof jwt.sid === "string" ? jwt.sid : undefined)) ? "live" : "revoked";
}

async function sessionUser(request: Request): Promise<SessionUser | null> {
  const jwt = await sessionToken(request);
  if (!jwt?.sub) return null;
  return findSessionUser(jwt.sub, typeof jwt.sid === "string" ? jwt.sid : undefined);
}

async function sessionToken(request: Request) {
  const secret = process.env.AUTH_SECRET;
  if (!secret) throw new Error("AUTH_SECRET is not set.");
  // Auth.js names the cookie __Secure-… when served over https; accept whichever the browser sent.
  const cookieHeader = request.headers.get("cookie") ?? "";
  const secureCookie = cookieHeader.includes(SECURE_SESSION_COOKIE);
  const jwt = await getToken({
    req: { headers: new Headers({ cookie: cookieHeader }) },
    secret,
    secureCookie,
    cookieName: secureCookie ? SECURE_SESSION_COOKIE : SESSION_COOKIE,
  });
  return jwt;
}
