// The Auth.js instance. Import `auth` only inside lib/auth: pages, actions and routes get the user
// through the data-access layer (current-user.ts, require-user.ts, api-auth.ts).
import NextAuth from "next-auth";
import { authConfig } from "./auth-config";

export const { auth, signIn, signOut, handlers } = NextAuth(authConfig);
