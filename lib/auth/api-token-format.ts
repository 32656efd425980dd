// Personal API token format and hashing. Pure functions (unit-tested); storage is in api-tokens.ts.
//
// A token is "ch_" + 32 random bytes in base64url (43 chars). Only its SHA-256 hex digest is
// stored: the secret has 256 bits of entropy, so a fast hash is enough (no salt or Argon2 needed)
// and lets us look a token up by its hash with a unique index.
import { createHash, randomBytes } from "node:crypto";

export const API_TOKEN_PREFIX = "ch_";
const TOKEN_PATTERN = /^ch_[A-Za-z0-9_-]{43}$/;
/** How much of the token the settings page shows so people can tell tokens apart. */
const DISPLAY_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;

export function generateApiToken(): string {
  return API_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashApiToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export function apiTokenDisplayPrefix(token: string): string {
  return token.slice(0, DISPLAY_PREFIX_LENGTH);
}

export function looksLikeApiToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token from an `Authorization: Bearer <token>` header, or null when there is no such header. */
export function bearerToken(headers: Headers): string | null {
  const header = headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match ? match[1]! : "";
}
