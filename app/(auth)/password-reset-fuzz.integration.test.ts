// Property-based hostile input for the password reset actions (issue 9 part 4): "forgot password"
// with known, unknown, mistyped and hostile email addresses, and "reset password" with tokens that
// are fresh, used, expired, unknown, malformed or hostile and passwords in every shape. Forgot
// password answers known and unknown addresses alike (or refuses a flood, naming the field); a link
// and its email are queued only for a known address; a reset succeeds exactly with a live token and an
// acceptable, confirmed password, spends the token and signs the person in on the sign-in page; every
// refusal is a specific message; nothing else changes.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import { RESET_LINK_MESSAGES } from "@/lib/auth/reset-password";
import { RESET_REQUESTED_MESSAGE } from "@/lib/auth/request-password-reset";
import { generateResetToken } from "@/lib/auth/reset-token";
import { db } from "@/lib/db/client";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { countChanges, expectInlineError, form, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileString, plausibleEmail } from "@/scripts/test/fuzz/hostile";
import { createTestUser, type TestUser } from "@/scripts/test/ledger-fixtures";

vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => null, getCurrentSession: async () => null }));
vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} }));
// Every request from its own address: the per-address throttle is lib/auth's to test; the
// per-email one (three an hour) is part of what this suite sees.
vi.mock("next/headers", async () => (await import("@/scripts/test/fuzz/form-actions")).freshAddressHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);
// after() needs a request scope; delivering the email is lib/email's to test.
vi.mock("next/server", async (original) => ({ ...(await original<object>()), after: vi.fn() }));

const { forgotPasswordAction } = await import("./forgot-password/actions");
const { resetPasswordAction } = await import("./reset-password/actions");

let people: TestUser[];

beforeAll(async () => {
  people = [];
  for (let i = 0; i < 12; i++) people.push(await createTestUser());
});

async function tokenFor(user: TestUser, state: "live" | "used" | "expired"): Promise<string> {
  const { token, tokenHash } = generateResetToken();
  const now = Date.now();
  await db().passwordResetToken.create({
    data: {
      userId: user.id,
      tokenHash,
      createdAt: new Date(now - (state === "expired" ? 3_600_000 : 0)),
      expiresAt: new Date(now + (state === "expired" ? -1_800_000 : 1_800_000)),
      usedAt: state === "used" ? new Date(now) : null,
    },
  });
  return token;
}

describe("password reset actions under hostile input", () => {
  it("forgotPasswordAction: one answer for known and unknown addresses; a link only for known ones", async () => {
    const before = await dbState();
    let linksExpected = 0;
    const answered = { known: 0, unknown: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          { weight: 4, arbitrary: fc.tuple(fc.nat({ max: 11 }), fc.constantFrom("as is", "upper", "spaced")).map(([i, how]) => ({ known: i, how })) },
          { weight: 2, arbitrary: plausibleEmail },
          { weight: 1, arbitrary: fc.emailAddress() },
          { weight: 1, arbitrary: fc.constantFrom("", "a@b", "@example.test", "user@example.test\u0000", "x".repeat(330) + "@example.test") },
          { weight: 2, arbitrary: hostileString },
        ),
        async (ref) => {
          const known = typeof ref === "object" ? people[ref.known]! : null;
          const email = known && typeof ref === "object" ? (ref.how === "upper" ? known.email.toUpperCase() : ref.how === "spaced" ? `  ${known.email} ` : known.email) : (ref as string);
          const started = new Date();
          const outcome = await runAction(() => forgotPasswordAction({ status: "idle" }, form({ email })));
          // A new link replaces the account's earlier unused ones, so count what was made, not the table.
          const made = await db().passwordResetToken.count({ where: { createdAt: { gte: started } } });
          if (known) expect(await db().passwordResetToken.count({ where: { userId: known.id, usedAt: null } })).toBeLessThanOrEqual(1);
          if (succeeded(outcome)) {
            // The same words whether or not an account has the address.
            expect((outcome as { state: { message?: string } }).state.message).toBe(RESET_REQUESTED_MESSAGE);
            expect(made).toBe(known ? 1 : 0);
            linksExpected += made;
            answered[known ? "known" : "unknown"]++;
            return;
          }
          expect(made).toBe(0);
          expectInlineError(outcome, ["email"]);
        },
      ),
      fuzzParams(500),
    );
    // Both kinds were answered, alike.
    expect(answered.known).toBeGreaterThan(0);
    expect(answered.unknown).toBeGreaterThan(0);
    expect(linksExpected).toBe(answered.known);
    const changes = countChanges(before, await dbState());
    expect(changes.password_reset_tokens ?? 0).toBeLessThanOrEqual(linksExpected);
    expect(changes.email_outbox ?? 0).toBe(linksExpected);
    expect(Object.keys(changes).filter((t) => !["password_reset_tokens", "email_outbox", "password_reset_requests"].includes(t))).toEqual([]);
  });

  it("resetPasswordAction: only a live token with an acceptable, confirmed password resets; the token is spent", async () => {
    const before = await dbState();
    let resets = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof({ weight: 4, arbitrary: fc.constantFrom("live", "used", "expired") }, { weight: 1, arbitrary: fc.constantFrom("unknown", "", "live+space", "live+nul") }, { weight: 1, arbitrary: hostileString }),
        fc.nat({ max: 11 }),
        fc.oneof({ weight: 3, arbitrary: fc.stringMatching(/^[a-z]{4,8}-[a-z0-9 ]{8,20}$/) }, { weight: 1, arbitrary: fc.constantFrom("short", "password1234", "aaaaaaaaaaaa", "x".repeat(1025)) }, { weight: 1, arbitrary: hostileString }),
        fc.oneof({ weight: 4, arbitrary: fc.constant("same") }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostileString }),
        async (tokenRef, who, newPassword, confirm) => {
          const person = people[who]!;
          const state = tokenRef.startsWith("live") ? "live" : tokenRef;
          const real = ["live", "used", "expired"].includes(state) ? await tokenFor(person, state as "live" | "used" | "expired") : null;
          const token = tokenRef === "unknown" ? generateResetToken().token : tokenRef === "live+space" ? ` ${real}` : tokenRef === "live+nul" ? `${real}\u0000` : (real ?? tokenRef);
          const confirmPassword = confirm === "same" ? newPassword : confirm;
          const outcome = await runAction(() => resetPasswordAction({ status: "idle" }, form({ token, newPassword, confirmPassword })));
          if (succeeded(outcome)) {
            resets++;
            expect(tokenRef).toBe("live");
            expect(outcome).toEqual({ kind: "redirect", to: `/sign-in?reset=1&email=${encodeURIComponent(person.email)}` });
            const user = await db().user.findUniqueOrThrow({ where: { id: person.id }, select: { passwordHash: true } });
            expect(await verifyPassword(user.passwordHash, newPassword)).toBe(true);
            // Spent: the same link again is refused as used.
            const again = await runAction(() => resetPasswordAction({ status: "idle" }, form({ token, newPassword, confirmPassword })));
            expect(again.kind === "state" && again.state.message).toBe(RESET_LINK_MESSAGES.used);
            return;
          }
          expectInlineError(outcome, ["token", "newPassword", "confirmPassword"]);
          if (tokenRef !== "live") {
            // A dead or foreign link is told apart from nothing but by its own state.
            const message = outcome.kind === "state" ? outcome.state.message : undefined;
            expect(Object.values(RESET_LINK_MESSAGES)).toContain(message);
          }
        },
      ),
      fuzzParams(250),
    );
    expect(resets).toBeGreaterThan(0);
    const changes = countChanges(before, await dbState());
    expect(Object.keys(changes).filter((t) => !["password_reset_tokens", "sessions", "sign_in_attempts"].includes(t))).toEqual([]);
    expect((await dbState()).balances).toEqual(before.balances);
  });
});
