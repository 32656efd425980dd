// Property-based hostile input for the account settings actions (issue 9 part 4): renaming, changing
// the password, signing out everywhere, invoked as functions with a mocked session. Names and
// passwords come in every shape (control characters, NUL, 5,000 characters, common and repetitive
// passwords, the current one again). A change succeeds exactly when the input is acceptable (and,
// for the password, the current one is right); every refusal is an inline error naming the field;
// only the user's own row and sessions change.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { hasControlCharacters } from "@/lib/validation/text";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { countChanges, expectInlineError, form, refusalMessage, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileString } from "@/scripts/test/fuzz/hostile";
import { createTestUser, type TestUser } from "@/scripts/test/ledger-fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null, sessionId: "" }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentSession: async () => (session.user ? { user: session.user, sessionId: session.sessionId } : null),
}));
const signOut = vi.hoisted(() => ({ calls: 0 }));
vi.mock("@/lib/auth/auth", () => ({
  auth: vi.fn(),
  signIn: vi.fn(),
  signOut: vi.fn(async () => {
    signOut.calls++;
  }),
  handlers: {},
}));
// Every call from its own address, as from separate clients: the sign-in throttle is lib/auth's to test.
vi.mock("next/headers", async () => (await import("@/scripts/test/fuzz/form-actions")).freshAddressHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);

const { updateNameAction, changePasswordAction, signOutEverywhereAction } = await import("./account-actions");

let alice: TestUser;
let password = "correct-horse-battery-staple";

const asSession = (u: TestUser): SessionUser => ({ id: u.id, email: u.email, name: "Alice", role: u.role });

beforeAll(async () => {
  alice = await createTestUser({ name: "Alice" });
  await db().user.update({ where: { id: alice.id }, data: { passwordHash: await hashPassword(password) } });
  session.sessionId = (await db().session.create({ data: { userId: alice.id } })).id;
});

/** A password someone might choose: long random words, common ones, repetitive ones, hostile text. */
const newPassword = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(fc.constantFrom("river", "lamp", "Oktober", "żółw", "🙂"), fc.stringMatching(/^[a-z0-9 !#-]{10,30}$/)).map(([a, b]) => `${a}-${b}`) },
  { weight: 1, arbitrary: fc.constantFrom("password1234", "qwertyuiopas", "aaaaaaaaaaaa", "abcabcabcabc", "short", "", " ".repeat(12), "x".repeat(1025), "nul\u0000in-the-middle-ok") },
  { weight: 2, arbitrary: hostileString },
);

describe("account settings actions under hostile input", () => {
  it("updateNameAction: the name as saved, or an inline error naming it", async () => {
    session.user = asSession(alice);
    const before = await dbState();
    let renamed = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.constantFrom("Ada Lovelace", " Zoë ", "李雷", "<b>Bob</b>", "x".repeat(100), "x".repeat(101)), hostileString, fc.constant(undefined)), async (name) => {
        const outcome = await runAction(() => updateNameAction({ status: "idle" }, form({ name })));
        if (!succeeded(outcome)) return void expectInlineError(outcome, ["name"]);
        renamed++;
        const stored = (await db().user.findUniqueOrThrow({ where: { id: alice.id }, select: { name: true } })).name;
        // FormData carries text as USVString: a lone surrogate arrives as U+FFFD.
        expect(stored).toBe(String(name).toWellFormed().trim());
        expect(stored.length).toBeGreaterThan(0);
        expect(stored.length).toBeLessThanOrEqual(100);
        expect(hasControlCharacters(stored)).toBe(false);
      }),
      fuzzParams(400),
    );
    expect(renamed).toBeGreaterThan(0);
    expect(countChanges(before, await dbState())).toEqual({});
  });

  it("changePasswordAction: changed only with the right current password and an acceptable new one; refusals name the field", async () => {
    session.user = asSession(alice);
    const before = await dbState();
    let changed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 3, arbitrary: fc.constant("current") }, { weight: 1, arbitrary: fc.constantFrom("wrong-horse-battery-staple", "", " current ") }, { weight: 1, arbitrary: hostileString }),
        fc.oneof({ weight: 4, arbitrary: newPassword }, { weight: 1, arbitrary: fc.constant("same") }),
        async (current, next) => {
          // The throttle would refuse everything after five wrong passwords: that is lib/auth's test.
          await db().signInAttempt.deleteMany({ where: { email: alice.email } });
          const otherSession = (await db().session.create({ data: { userId: alice.id } })).id;
          const currentPassword = current === "current" ? password : current === " current " ? ` ${password} ` : current;
          const newValue = next === "same" ? password : next;
          const outcome = await runAction(() => changePasswordAction({ status: "idle" }, form({ currentPassword, newPassword: newValue })));
          const hash = (await db().user.findUniqueOrThrow({ where: { id: alice.id }, select: { passwordHash: true } })).passwordHash;
          if (succeeded(outcome)) {
            changed++;
            expect(currentPassword).toBe(password);
            expect(await verifyPassword(hash, newValue)).toBe(true);
            password = newValue;
            // Every other session ended; this one stays.
            expect(await db().session.findUnique({ where: { id: otherSession } })).toBeNull();
            expect(await db().session.findUnique({ where: { id: session.sessionId } })).not.toBeNull();
            return;
          }
          expectInlineError(outcome, ["currentPassword", "newPassword"]);
          await db().session.delete({ where: { id: otherSession } });
        },
      ),
      fuzzParams(150),
    );
    expect(changed).toBeGreaterThan(0);
    expect(await verifyPassword((await db().user.findUniqueOrThrow({ where: { id: alice.id } })).passwordHash, password)).toBe(true);
    const changes = countChanges(before, await dbState());
    expect(Object.keys(changes).filter((t) => t !== "sign_in_attempts")).toEqual([]);
  });

  it("signOutEverywhereAction ends every session of the user, and only theirs", async () => {
    const bob = await createTestUser();
    const bobs = await db().session.create({ data: { userId: bob.id } });
    await db().session.create({ data: { userId: alice.id } });
    session.user = asSession(alice);
    const calls = signOut.calls;
    expect(succeeded(await runAction(() => signOutEverywhereAction()))).toBe(true);
    expect(signOut.calls).toBe(calls + 1);
    expect(await db().session.count({ where: { userId: alice.id } })).toBe(0);
    expect(await db().session.findUnique({ where: { id: bobs.id } })).not.toBeNull();
    session.sessionId = (await db().session.create({ data: { userId: alice.id } })).id;
  });

  it("without a session every settings action is refused and nothing changes", async () => {
    session.user = null;
    const before = await dbState();
    expect(refusalMessage(await runAction(() => updateNameAction({ status: "idle" }, form({ name: "Mallory" }))))).toMatch(/^Your session has ended/);
    expect(refusalMessage(await runAction(() => changePasswordAction({ status: "idle" }, form({ currentPassword: password, newPassword: "a-new-long-password" }))))).toMatch(/^Your session has ended/);
    expect(refusalMessage(await runAction(() => signOutEverywhereAction()))).toMatch(/^Your session has ended/);
    expect(await dbState()).toEqual(before);
  });
});
