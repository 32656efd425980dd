// Server-side sessions. The session cookie is an encrypted JWT holding the user id (`sub`) and the
// id of a row in `sessions` (`sid`); a request is signed in only while that row exists (checked in
// findSessionUser, folded into the user lookup every request already does). Deleting rows is how
// sessions end before their cookie expires: sign-out deletes its own, a password change every other
// one, "sign out everywhere" all of them. A copied cookie stops working the moment its row is gone.
import { randomUUID } from "node:crypto";
import { db, type Tx } from "@/lib/db/client";
import { SESSION_MAX_AGE_SECONDS } from "./session-lifetime";

export async function createSession(userId: string, tx: Tx = db(), now = new Date()): Promise<string> {
  // Rows of sessions whose cookies have expired anyway are dropped on the way.
  await tx.session.deleteMany({ where: { userId, createdAt: { lt: new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000) } } });
  const session = await tx.session.create({ data: { userId }, select: { id: true } });
  return session.id;
}

/**
 * The session a password sign-in opens: only if the hash the password was verified against is still
 * the stored one. Verifying takes a while (Argon2) and happens outside any transaction, so a password
 * change or reset may commit in between; without this check the sign-in would open a session with
 * the old password AFTER the change had signed everyone else out, and that session would survive.
 *
 * One statement. `FOR SHARE` on the user row makes it queue behind a change that has written the new
 * hash but not committed yet, and then re-check the committed row (no session: null). If instead the
 * session row is written first, the change's UPDATE waits for this statement to commit, and the
 * change's session revocation, a later statement with a later snapshot, sees the row and deletes it.
 */
export async function openSessionIfPasswordUnchanged(userId: string, checkedHash: string, tx: Tx = db(), now = new Date()): Promise<string | null> {
  await tx.session.deleteMany({ where: { userId, createdAt: { lt: new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000) } } });
  const rows = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO sessions (id, user_id, created_at)
    SELECT ${randomUUID()}, u.id, ${now}
      FROM (SELECT id FROM users WHERE id = ${userId} AND password_hash = ${checkedHash} FOR SHARE) u
    RETURNING id`;
  return rows[0]?.id ?? null;
}

export async function revokeSession(sessionId: string, tx: Tx = db()): Promise<void> {
  await tx.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of the user except `keepSessionId` (the one making the request, if any). */
export async function revokeOtherSessions(userId: string, keepSessionId: string | null, tx: Tx = db()): Promise<number> {
  const { count } = await tx.session.deleteMany({ where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) } });
  return count;
}

export async function countSessions(userId: string): Promise<number> {
  return db().session.count({ where: { userId } });
}
