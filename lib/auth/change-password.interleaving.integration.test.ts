// Concurrent password changes with the same current password (two tabs, two devices): exactly one
// may win, its session is the one left signed in, and the stored password is the winner's. First a
// fixed interleaving (both changes checked the current password and wait at the UPDATE behind a held
// user row, then run in queue order), then seeded random waves against the serial expectation.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { holdLock, queueBehind } from "../../scripts/test/lock-interleaving";
import { seededRandom, seedFromEnv } from "../../scripts/test/seeded-random";
import { changePassword, PASSWORD_CHANGED_MEANWHILE_MESSAGE, WRONG_CURRENT_PASSWORD_MESSAGE } from "./change-password";
import { hashPassword, verifyPassword } from "./password";
import { createSession } from "./sessions";

const OLD = "harbour lantern old 1887";
let ip = 0;
const nextIp = () => `10.77.${(ip >> 8) & 255}.${++ip & 255}`;

async function userWithSessions(sessions: number) {
  const user = await db().user.create({
    data: { email: `change-${randomUUID()}@example.test`, name: "Ada", passwordHash: await hashPassword(OLD) },
    select: { id: true },
  });
  const ids: string[] = [];
  for (let i = 0; i < sessions; i++) ids.push(await createSession(user.id));
  return { id: user.id, sessions: ids };
}

async function passwordIs(userId: string, password: string): Promise<boolean> {
  const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true } });
  return verifyPassword(passwordHash, password);
}

const liveSessions = async (userId: string) => (await db().session.findMany({ where: { userId }, select: { id: true } })).map((s) => s.id).sort();

describe("changePassword under concurrency", () => {
  it("two changes with the same current password queued at the UPDATE: the first wins, the second is refused, only the winner's session is left", async () => {
    const user = await userWithSessions(3);
    // Two tabs changing the password and a third session elsewhere.
    const [tab1, tab2] = user.sessions as [string, string, string];
    const lock = await holdLock(`SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, [user.id]);
    // queueBehind starts each change only after the previous one waits on the row lock: both have
    // read the same hash and verified the current password against it before either writes.
    const outcomes = await queueBehind(lock, [
      () => changePassword({ userId: user.id, sessionId: tab1, currentPassword: OLD, newPassword: "first tab new passphrase", clientIp: nextIp() }),
      () => changePassword({ userId: user.id, sessionId: tab2, currentPassword: OLD, newPassword: "second tab new passphrase", clientIp: nextIp() }),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected"]);
    expect((outcomes[0] as PromiseFulfilledResult<{ signedOutSessions: number }>).value).toEqual({ signedOutSessions: 2 });
    const refused = (outcomes[1] as PromiseRejectedResult).reason as AppError;
    expect(refused).toBeInstanceOf(AppError);
    expect([refused.code, refused.status, refused.fieldErrors]).toEqual(["conflict", 409, { currentPassword: PASSWORD_CHANGED_MEANWHILE_MESSAGE }]);
    expect(await passwordIs(user.id, "first tab new passphrase")).toBe(true);
    expect(await passwordIs(user.id, "second tab new passphrase")).toBe(false);
    expect(await liveSessions(user.id)).toEqual([tab1]);
  });

  it("random waves of concurrent changes (some with a wrong current password) match the serial expectation", async () => {
    const seed = seedFromEnv("CHANGE_PASSWORD_SEED");
    const random = seededRandom(seed);
    for (let wave = 0; wave < 3; wave++) {
      const size = random.int(2, 4);
      const user = await userWithSessions(size + 1);
      const attempts = user.sessions.slice(0, size).map((sessionId, i) => ({
        sessionId,
        currentPassword: i === 0 || random.chance(0.7) ? OLD : `wrong guess ${i}`,
        newPassword: `wave ${wave} attempt ${i} passphrase`,
      }));
      const outcomes = await Promise.allSettled(attempts.map((a) => changePassword({ userId: user.id, ...a, clientIp: nextIp() })));
      const context = `seed ${seed}, wave ${wave}`;
      // Serially, the first change with the right current password wins and every later one finds
      // the password changed; a wrong guess is refused either way.
      const winners = outcomes.flatMap((o, i) => (o.status === "fulfilled" ? [i] : []));
      expect(winners, context).toHaveLength(1);
      const winner = winners[0]!;
      expect(attempts[winner]!.currentPassword, context).toBe(OLD);
      for (const [i, o] of outcomes.entries()) {
        if (i === winner) continue;
        const error = (o as PromiseRejectedResult).reason as AppError;
        expect(error, context).toBeInstanceOf(AppError);
        if (attempts[i]!.currentPassword !== OLD) expect(error.fieldErrors, context).toEqual({ currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE });
        // A loser with the right password either read the hash before the winner committed (refused
        // at the compare-and-set) or after (its current password no longer matches).
        else expect([PASSWORD_CHANGED_MEANWHILE_MESSAGE, WRONG_CURRENT_PASSWORD_MESSAGE], context).toContain(error.fieldErrors?.currentPassword);
      }
      expect(await passwordIs(user.id, attempts[winner]!.newPassword), context).toBe(true);
      expect(await liveSessions(user.id), context).toEqual([attempts[winner]!.sessionId]);
    }
  });
});
