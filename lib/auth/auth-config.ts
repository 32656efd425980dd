// Auth.js (next-auth v5) configuration: email + password through the Credentials provider, sessions
// as encrypted JWT cookies. The JWT carries only the user id (`sub`) and a server-side session id
// (`sid`, a row in `sessions`, see sessions.ts); everything else (name, role) is re-read from the
// database on each request by getCurrentUser(), so a role change, a deleted user or a revoked
// session takes effect immediately.
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientIpFromHeaders } from "./client-ip";
import { authRedirect } from "./safe-redirect";
import { SESSION_MAX_AGE_SECONDS } from "./session-lifetime";
import { openSessionIfPasswordUnchanged, revokeSession } from "./sessions";
import { SignInRefused } from "./sign-in-error";
import { signInSchema } from "./sign-in.schema";
import { verifyCredentials } from "./verify-credentials";

declare module "next-auth" {
  interface Session {
    /** The server-side session row behind this cookie (not a secret: the cookie itself is sealed). */
    sessionId?: string;
  }
  interface User {
    /** Set by authorize: the session row opened for this sign-in. */
    sid?: string;
  }
}

export const authConfig = {
  // AUTH_SECRET is read from the environment (scripts/start.ts provides one when unset).
  trustHost: true,
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    Credentials({
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, request) {
        const parsed = signInSchema.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid_credentials");
        const result = await verifyCredentials({ ...parsed.data, ip: clientIpFromHeaders(request.headers) });
        if (result.ok) {
          // The session row is opened here, in the same check as the password: a password changed
          // meanwhile (sessions.ts) means these credentials no longer hold.
          const sid = await openSessionIfPasswordUnchanged(result.user.id, result.checkedHash);
          if (!sid) throw new SignInRefused("invalid_credentials");
          return { id: result.user.id, sid };
        }
        if (result.reason === "rate_limited") throw new SignInRefused("rate_limited", result.retryAfterMinutes);
        throw new SignInRefused("invalid_credentials");
      },
    }),
  ],
  callbacks: {
    // Keep only ids in the token: no email or name that could go stale or leak from the cookie.
    // A sign-in (user present) carries the server-side session row authorize opened.
    jwt({ token, user }) {
      if (user?.id && user.sid) return { sub: user.id, sid: user.sid };
      return token;
    },
    redirect({ url, baseUrl }) {
      return authRedirect(url, baseUrl);
    },
    session({ session, token }) {
      if (token.sub) session.user = { ...session.user, id: token.sub };
      if (typeof token.sid === "string") session.sessionId = token.sid;
      return session;
    },
  },
  events: {
    // Signing out ends the session on the server too, so a copy of the cookie is worthless.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await revokeSession(sid);
    },
  },
  logger: {
    // A refused sign-in is an expected outcome, not a server error worth a stack trace in the log.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin") return;
      console.error(error);
    },
  },
} satisfies NextAuthConfig;
