// Checks an email + password for sign-in, applying the attempt rate limit. Framework-free so
// integration tests call it directly; the Auth.js Credentials provider (auth-config.ts) is a thin
// caller that turns a failure into a CredentialsSignin error with a code.
import { db } from "@/lib/db/client";
import { hashPassword, verifyPassword } from "./password";
import { claimSignInAttempt, clearFailedSignIns } from "./rate-limit";
import { sessionUserSelect, type SessionUser } from "./session-user";

export type VerifyCredentialsResult =
  /** `checkedHash`: the stored hash the password matched, for openSessionIfPasswordUnchanged. */
  | { ok: true; user: SessionUser; checkedHash: string }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterMinutes: number };

export async function verifyCredentials({
  email,
  password,
  ip,
}: {
  email: string;
  password: string;
  ip: string;
}): Promise<VerifyCredentialsResult> {
  const normalizedEmail = email.trim().toLowerCase();

  // The attempt is recorded before the password is checked (see rate-limit.ts): parallel guesses
  // cannot all slip under the limit.
  const claim = await claimSignInAttempt(db(), { email: normalizedEmail, ip });
  if (!claim.allowed) return { ok: false, reason: "rate_limited", retryAfterMinutes: claim.retryAfterMinutes };

  const row = await db().user.findUnique({
    where: { email: normalizedEmail },
    select: { ...sessionUserSelect, passwordHash: true },
  });
  // Unknown emails still pay for one Argon2 verification so response time does not reveal which
  // emails have accounts.
  const valid = row
    ? await verifyPassword(row.passwordHash, password)
    : (await verifyPassword(await dummyHash(), password), false);

  // A failure keeps its attempt row: that row is what counts against the limit.
  if (!row || !valid) return { ok: false, reason: "invalid_credentials" };

  await clearFailedSignIns(db(), { email: normalizedEmail });
  const { passwordHash, ...user } = row;
  return { ok: true, user, checkedHash: passwordHash };
}

let dummyHashPromise: Promise<string> | undefined;
function dummyHash(): Promise<string> {
  dummyHashPromise ??= hashPassword("countinghouse-timing-equalizer");
  return dummyHashPromise;
}
