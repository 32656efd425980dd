// Password-reset tokens: 32 random bytes (base64url, 43 characters) in the emailed link; the
// database keeps only their SHA-256. A plain hash is enough here (no salt, no Argon2): the token
// has 256 bits of entropy, so there is nothing to guess, and an equality lookup on the hash is
// what lets the redemption be one guarded UPDATE.
import { createHash, randomBytes } from "node:crypto";

/** How long a link works after it is requested. */
export const RESET_TOKEN_TTL_MS = 30 * 60 * 1000;

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function generateResetToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashResetToken(token) };
}

/** Lower-case hex SHA-256 of the token, as stored in password_reset_tokens.token_hash. */
export function hashResetToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Whether `value` has the shape of a token we issue (anything else is refused without a lookup). */
export function isWellFormedResetToken(value: unknown): value is string {
  return typeof value === "string" && TOKEN_PATTERN.test(value);
}

export function resetPasswordPath(token: string): string {
  return `/reset-password?token=${encodeURIComponent(token)}`;
}
