// Server-side sessions. The session cookie is an encrypted JWT holding the user id (`sub`) and the
// id of a row in `sessions` (`sid`); a request is signed in only while that row exists (checked in
// findSessionUser, folded into the user lookup every request already does). Deleting rows is how
// sessions end before their cookie expires: sign-out deletes its own, a password change every other
// one, "sign out everywhere" all of them. A copied cookie stops working the moment its row is gone.
import { db, type Tx } from "@/lib/db/client";
import { SESSION_MAX_AGE_SECONDS } from "./session-lifetime";

export async function createSession(userId: string, tx: Tx = db(), now = new Date()): Promise<string> {
  // Rows of sessions whose cookies have expired anyway are dropped on the way.
  await tx.session.deleteMany({ where: { userId, createdAt: { lt: new Date(now.getTime() - SESSION_MAX_AGE_SECONDS * 1000) } } });
  const session = await tx.session.create({ data: { userId }, select: { id: true } });
  return session.id;
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
