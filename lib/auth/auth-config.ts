// Auth.js (next-auth v5) configuration: email + password through the Credentials provider, sessions
// as encrypted JWT cookies. The JWT carries only the user id (`sub`); everything else (name, role)
// is re-read from the database on each request by getCurrentUser(), so a role change or a deleted
// user takes effect immediately.
import type { NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { clientIpFromHeaders } from "./client-ip";
import { SignInRefused } from "./sign-in-error";
import { signInSchema } from "./sign-in.schema";
import { verifyCredentials } from "./verify-credentials";

export const SESSION_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;

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
        if (result.ok) return { id: result.user.id };
        if (result.reason === "rate_limited") throw new SignInRefused("rate_limited", result.retryAfterMinutes);
        throw new SignInRefused("invalid_credentials");
      },
    }),
  ],
  callbacks: {
    // Keep only the id in the token: no email or name that could go stale or leak from the cookie.
    jwt({ token, user }) {
      if (user?.id) return { sub: user.id };
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user = { ...session.user, id: token.sub };
      return session;
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
