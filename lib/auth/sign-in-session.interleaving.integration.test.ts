// A password sign-in checks the password (slow, outside any transaction) and then opens its session
// row; a password change may commit in between. Both orders, held deterministically:
//   1. the change has written the new hash but not committed: the sign-in's session insert queues on
//      the user row and, once the change commits, finds the old hash gone → no session;
//   2. the sign-in's session insert holds the user row (its transaction is still open): the change
//      queues, and once the sign-in commits the change's revocation signs that session out.
// Either way no session opened with the old password outlives the change. Seen failing with the
// check removed (an unconditional insert leaves a live session behind in case 1).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { holdLock, queueBehind, waitForLockWaiters } from "../../scripts/test/lock-interleaving";
import { changePassword } from "./change-password";
import { hashPassword } from "./password";
import { openSessionIfPasswordUnchanged } from "./sessions";
import { verifyCredentials } from "./verify-credentials";

const OLD = "lighthouse keeper 1902 old";
let ip = 0;
const nextIp = () => `10.78.${(ip >> 8) & 255}.${++ip & 255}`;

async function newUser() {
  const email = `sign-in-race-${randomUUID()}@example.test`;
  const user = await db().user.create({ data: { email, name: "Grace", passwordHash: await hashPassword(OLD) }, select: { id: true } });
  return { id: user.id, email };
}

const sessionsOf = (userId: string) => db().session.count({ where: { userId } });

describe("a password sign-in racing a password change", () => {
  it("the change has stored the new hash, uncommitted: the sign-in's session waits, then is refused", async () => {
    const user = await newUser();
    const verified = await verifyCredentials({ email: user.email, password: OLD, ip: nextIp() });
    if (!verified.ok) throw new Error("the right password was refused");
    // What changePassword does in its transaction, held open before its commit.
    const newHash = await hashPassword("lighthouse keeper new 2026");
    const change = await holdLock(`UPDATE users SET password_hash = $2 WHERE id = $1`, [user.id, newHash]);
    const [opened] = await queueBehind(change, [() => openSessionIfPasswordUnchanged(user.id, verified.checkedHash)]);
    expect(opened).toEqual({ status: "fulfilled", value: null });
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("the sign-in's session insert holds the user row: the change waits, then signs that session out", async () => {
    const user = await newUser();
    const verified = await verifyCredentials({ email: user.email, password: OLD, ip: nextIp() });
    if (!verified.ok) throw new Error("the right password was refused");
    let opened: string | null = null;
    let releaseSignIn!: () => void;
    const signInHeld = new Promise<void>((resolve) => (releaseSignIn = resolve));
    let sessionWritten!: () => void;
    const written = new Promise<void>((resolve) => (sessionWritten = resolve));
    // The sign-in's statement inside a transaction we keep open, so its share lock is held.
    const signIn = db().$transaction(async (tx) => {
      opened = await openSessionIfPasswordUnchanged(user.id, verified.checkedHash, tx);
      sessionWritten();
      await signInHeld;
    });
    await written;
    const change = changePassword({ userId: user.id, sessionId: null, currentPassword: OLD, newPassword: "lighthouse keeper new 2027", clientIp: nextIp() });
    await waitForLockWaiters(1);
    releaseSignIn();
    await signIn;
    expect(opened).toEqual(expect.any(String));
    expect(await change).toEqual({ signedOutSessions: 1 });
    expect(await sessionsOf(user.id)).toBe(0);
  });

  it("without a change in between, the sign-in opens its session", async () => {
    const user = await newUser();
    const verified = await verifyCredentials({ email: user.email, password: OLD, ip: nextIp() });
    if (!verified.ok) throw new Error("the right password was refused");
    expect(await openSessionIfPasswordUnchanged(user.id, verified.checkedHash)).toEqual(expect.any(String));
    expect(await sessionsOf(user.id)).toBe(1);
  });
});
