// Auth.js endpoints: /api/auth/csrf, /api/auth/callback/credentials, /api/auth/session, /api/auth/signout…
import { handlers } from "@/lib/auth/auth";

export const { GET, POST } = handlers;
