// AUTH_SECRET signs and encrypts Auth.js session cookies. When the environment gives none, one is
// generated once and kept in .data/auth-secret (owner-only), so sessions survive restarts and the
// secret never appears in the repository or on the command line.
import { randomBytes } from "node:crypto";
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export function ensureAuthSecret(dataRoot: string): { secret: string; file: string; created: boolean } {
  mkdirSync(dataRoot, { recursive: true });
  const file = path.join(dataRoot, "auth-secret");
  try {
    const secret = readFileSync(file, "utf8").trim();
    if (secret.length >= 32) {
      chmodSync(file, 0o600);
      return { secret, file, created: false };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600); // the mode option is ignored when the (too short) file already existed
  return { secret, file, created: true };
}
