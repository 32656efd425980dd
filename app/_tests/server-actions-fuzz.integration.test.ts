// Property-based hostile input for every server action (issue 9 part 4), invoked as functions with a
// mocked session (the signed-in user comes from getCurrentUser, which require-user.ts calls):
// every refusal is an inline form error naming the field (or a specific message), never the generic
// "something went wrong" that stands for an unexpected error; the database changes only by what an
// action reported as done. Auth.js's signIn and Next's redirect are mocked: what matters here is
// what the actions do with the input before and after them.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { GENERIC_ERROR_MESSAGE, type FormState } from "@/app/_components/form-state";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { SessionUser } from "@/lib/auth/session-user";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { fuzzParams, hostileAmount, hostileId, hostileString } from "@/scripts/test/fuzz/hostile";
import { createTestUser } from "@/scripts/test/ledger-fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(), signIn: vi.fn(async () => undefined), signOut: vi.fn(), handlers: {} }));
// Server actions read the client's address from the request (sign-up's per-address throttle,
// lib/auth/client-ip.ts). Each call comes from its own address, as from a separate client, so the
// throttle (tested in lib/auth) counts nothing here; the mint's daily cap still applies.
vi.mock("next/headers", async () => (await import("@/scripts/test/fuzz/form-actions")).freshAddressHeadersMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
class Redirect extends Error {
  constructor(readonly to: string) {
    super(`redirect ${to}`);
  }
}
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
  forbidden: () => {
    throw new Error("forbidden");
  },
  notFound: () => {
    throw new Error("not found");
  },
}));

const { transferAction } = await import("@/app/(app)/transfer/actions");
const { createApiTokenAction, revokeApiTokenAction } = await import("@/app/(app)/settings/actions");
const { signUpAction } = await import("@/app/(auth)/sign-up/actions");
const { signInAction } = await import("@/app/(auth)/sign-in/actions");

const form = (fields: Record<string, unknown>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) data.set(k, String(v));
  return data;
};

/** A refusal the user can act on: field errors naming one of `fields`, or a specific message. */
function expectInlineError(state: FormState, fields: string[]): void {
  expect(state.status).toBe("error");
  expect(state.message, JSON.stringify(state)).not.toBe(GENERIC_ERROR_MESSAGE);
  const named = Object.keys(state.fieldErrors ?? {}).some((f) => fields.includes(f));
  expect(named || (state.message ?? "").length > 0, JSON.stringify(state)).toBe(true);
}

let alice: SessionUser & { accountId: bigint };
let bob: SessionUser & { accountId: bigint; email: string };

beforeAll(async () => {
  const a = await createTestUser();
  const b = await createTestUser();
  alice = { id: a.id, email: a.email, name: "Alice", role: "USER", accountId: a.accountId };
  bob = { id: b.id, email: b.email, name: "Bob", role: "USER", accountId: b.accountId };
});

describe("server actions under hostile input", () => {
  it("transferAction: a confirmation or an inline error naming the field; only confirmed transfers post", async () => {
    session.user = alice;
    const before = await dbState();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          fromAccountId: fc.oneof(fc.constant(String(alice.accountId)), fc.constant(String(bob.accountId)), hostileId),
          to: fc.oneof(fc.constant(bob.email), fc.constant(`#${bob.accountId}`), hostileString),
          amount: fc.oneof(fc.constantFrom("0.01", "12.34", "1e3", "99999999", "-1"), hostileAmount),
          description: hostileString,
          idempotencyKey: fc.oneof(fc.uuid(), hostileString),
        }),
        async (fields) => {
          // The confirm step of the two-step form: it posts to the reviewed account (#id).
          const toAccountId = fields.to.startsWith("#") ? fields.to.slice(1) : fields.to;
          const state = await transferAction({ status: "idle", step: "review", idempotencyKey: "fallback-key" }, form({ ...fields, intent: "confirm", toAccountId }));
          if (state.status === "success") sent++;
          else expectInlineError(state, ["fromAccountId", "to", "amount", "description", "idempotencyKey"]);
        },
      ),
      fuzzParams(1000),
    );
    const after = await dbState();
    expect(after.counts.ledger_entries - before.counts.ledger_entries).toBe(sent);
    expect(after.counts.users).toBe(before.counts.users);
  });

  it("transferAction without a session refuses and posts nothing", async () => {
    session.user = null;
    const before = await dbState();
    const state = await transferAction(
      { status: "idle", step: "review", idempotencyKey: "k" },
      form({ intent: "confirm", fromAccountId: String(alice.accountId), toAccountId: String(bob.accountId), amount: "1.00" }),
    );
    expect(state).toMatchObject({ status: "error", message: "Your session has ended. Sign in again." });
    expect(await dbState()).toEqual(before);
  });

  it("createApiTokenAction and revokeApiTokenAction: created tokens are the only change", async () => {
    session.user = alice;
    const theirs = await createApiToken({ userId: bob.id, name: "bob's" });
    const before = await dbState();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(hostileString, async (name) => {
        const state = await createApiTokenAction({ status: "idle" }, form({ name }));
        if (state.status === "success") created++;
        else expectInlineError(state, ["name"]);
      }),
      fuzzParams(300),
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileId, fc.constant(theirs.apiToken.id), fc.uuid()), async (tokenId) => {
        const state = await revokeApiTokenAction({ status: "idle" }, form({ tokenId }));
        // Someone else's token is "not found", exactly like a nonexistent one.
        expectInlineError(state, ["tokenId"]);
        if (tokenId === theirs.apiToken.id) expect(state.message).toBe("That token does not exist or was already revoked.");
      }),
      fuzzParams(300),
    );
    const after = await dbState();
    expect(after.counts.api_tokens - before.counts.api_tokens).toBe(created);
    expect(after.balances).toEqual(before.balances);
  });

  it("signUpAction: an inline error or a new funded user; signInAction never redirects off-site", async () => {
    session.user = null;
    const before = await dbState();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ name: hostileString, email: fc.oneof(fc.emailAddress(), fc.constant(bob.email), hostileString), password: fc.oneof(hostileString, fc.constant("short")) }),
        async (fields) => {
          try {
            const state = await signUpAction({ status: "idle" }, form(fields));
            expectInlineError(state, ["name", "email", "password"]);
          } catch (error) {
            if (!(error instanceof Redirect)) throw error;
            created++;
          }
        },
      ),
      fuzzParams(300),
    );
    const after = await dbState();
    expect(after.counts.users - before.counts.users).toBe(created);
    expect(after.counts.accounts - before.counts.accounts).toBe(created);

    // Printable callback URLs here; control characters have their own test below.
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.webUrl(), fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)) }), fc.constantFrom("//evil.example", "/\\evil.example", "/ok")), async (callbackUrl) => {
        try {
          await signInAction({ status: "idle" }, form({ email: bob.email, password: "correct-horse-battery", callbackUrl }));
          throw new Error("signInAction returned instead of redirecting");
        } catch (error) {
          if (!(error instanceof Redirect)) throw error;
          expect(error.to, callbackUrl).toMatch(/^\/(?![/\\])/);
        }
      }),
      fuzzParams(300),
    );
  });

  it("signInAction never redirects off-site with control characters in callbackUrl", async () => {
    for (const callbackUrl of ["/\t/evil.example", "/\n/evil.example", "/\r\\evil.example", "/\u0000/evil.example"]) {
      try {
        await signInAction({ status: "idle" }, form({ email: bob.email, password: "correct-horse-battery", callbackUrl }));
      } catch (error) {
        if (!(error instanceof Redirect)) throw error;
        // Browsers drop tabs and newlines from URLs: "/\t/evil" is "//evil", another site.
        expect(error.to.replace(/[\u0000-\u001f]/g, ""), JSON.stringify(callbackUrl)).toMatch(/^\/(?![/\\])/);
      }
    }
  });
});
