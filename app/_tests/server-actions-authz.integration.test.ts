// The authorization matrix for server actions (issue 9 part 5; pages and routes: e2e/
// authorization-matrix.spec.ts): every "use server" export found in app/ × {anonymous, alice, bob,
// manager of Alice's company, admin}, invoked as a function with a mocked session, against
// scripts/test/authz/matrix.ts. A denial on someone else's object reads exactly like one on a
// nonexistent object.
import path from "node:path";
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/app/_components/form-state";
import { createApiToken } from "@/lib/auth/api-tokens";
import type { SessionUser } from "@/lib/auth/session-user";
import { listAppEndpoints } from "@/scripts/test/authz/app-endpoints";
import { ACTION_MATRIX, ROLES, type Role } from "@/scripts/test/authz/matrix";
import { createTestUser } from "@/scripts/test/ledger-fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({ getCurrentUser: async () => session.user }));
vi.mock("@/lib/auth/auth", () => ({ auth: vi.fn(), signIn: vi.fn(async () => undefined), signOut: vi.fn(async () => undefined), handlers: {} }));
// Server actions read the client's address from the request (sign-up's per-address throttle,
// lib/auth/client-ip.ts). Each call comes from its own address, as from a separate client, so the
// throttle (tested in lib/auth) counts nothing here; the mint's daily cap still applies.
const client = vi.hoisted(() => ({ calls: 0 }));
vi.mock("next/headers", () => ({
  headers: async () => {
    const n = ++client.calls;
    return new Headers({ "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
  },
  cookies: async () => ({ get: () => undefined }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
class Redirect extends Error {}
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Redirect(to);
  },
}));

const { transferAction } = await import("@/app/(app)/transfer/actions");
const { createApiTokenAction, revokeApiTokenAction } = await import("@/app/(app)/settings/actions");
const { signUpAction } = await import("@/app/(auth)/sign-up/actions");
const { signInAction } = await import("@/app/(auth)/sign-in/actions");
const { signOutAction } = await import("@/app/_components/sign-out-action");

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) data.set(k, v);
  return data;
};
const NONEXISTENT = "987654321";

type Users = Record<"alice" | "bob" | "admin", SessionUser & { accountId: bigint }>;
let users: Users;

/** Runs the action; "allow" when it did its job (success or redirect), else the refusal's message. */
async function outcome(run: () => Promise<FormState | void>): Promise<{ allowed: boolean; message?: string }> {
  try {
    const state = await run();
    if (!state || state.status === "success") return { allowed: true };
    return { allowed: false, message: `${state.message} ${JSON.stringify(state.fieldErrors ?? {})}` };
  } catch (error) {
    if (error instanceof Redirect) return { allowed: true };
    throw error;
  }
}

/** Per action: run it as the current session on Alice's object (or on a nonexistent one). */
const INVOKE: Record<string, (target: "alice" | "missing") => Promise<{ allowed: boolean; message?: string }>> = {
  "action app/(app)/transfer/actions.ts#transferAction": (target) =>
    outcome(() =>
      transferAction(
        { status: "idle", step: "review", idempotencyKey: randomUUID() },
        form({
          intent: "confirm",
          fromAccountId: target === "alice" ? String(users.alice.accountId) : NONEXISTENT,
          toAccountId: String(users.bob.accountId),
          amount: "0.01",
          idempotencyKey: randomUUID(),
        }),
      ),
    ),
  "action app/(app)/settings/actions.ts#createApiTokenAction": () => outcome(() => createApiTokenAction({ status: "idle" }, form({ name: "authz" }))),
  "action app/(app)/settings/actions.ts#revokeApiTokenAction": async (target) => {
    const tokenId = target === "alice" ? (await createApiToken({ userId: users.alice.id, name: "victim" })).apiToken.id : randomUUID();
    return outcome(() => revokeApiTokenAction({ status: "idle" }, form({ tokenId })));
  },
  "action app/(auth)/sign-in/actions.ts#signInAction": () => outcome(() => signInAction({ status: "idle" }, form({ email: users.bob.email, password: "correct-horse-battery" }))),
  "action app/(auth)/sign-up/actions.ts#signUpAction": () =>
    outcome(() => signUpAction({ status: "idle" }, form({ name: "New Player", email: `new-${randomUUID()}@example.test`, password: "correct-horse-battery" }))),
  "action app/_components/sign-out-action.ts#signOutAction": () => outcome(() => signOutAction()),
};

beforeAll(async () => {
  const make = async (name: string, role: "USER" | "ADMIN" = "USER") => {
    const u = await createTestUser({ role, name });
    return { id: u.id, email: u.email, name, role, accountId: u.accountId };
  };
  users = { alice: await make("Alice"), bob: await make("Bob"), admin: await make("Admin", "ADMIN") };
});

describe("server action authorization matrix", () => {
  it("covers every server action in app/, and nothing else", () => {
    const found = listAppEndpoints(path.resolve(import.meta.dirname, "../..")).filter((e) => e.kind === "action").map((e) => e.key);
    expect(found.length).toBeGreaterThan(0);
    expect(found.filter((k) => !(k in ACTION_MATRIX)), "actions without a matrix entry").toEqual([]);
    expect(Object.keys(ACTION_MATRIX).filter((k) => !found.includes(k)), "entries for actions that no longer exist").toEqual([]);
    expect(Object.keys(INVOKE).sort()).toEqual(Object.keys(ACTION_MATRIX).sort());
  });

  for (const key of Object.keys(ACTION_MATRIX)) {
    for (const role of ROLES) {
      const expected = ACTION_MATRIX[key]![role];
      it.skipIf(expected === "pending")(`${key} as ${role}: ${expected}`, async () => {
        session.user = role === "anonymous" || role === "manager" ? null : users[role];
        const result = await INVOKE[key]!("alice");
        expect(result.allowed, result.message).toBe(expected === "allow");
        if (!result.allowed && role !== "anonymous") {
          // Someone else's object is refused exactly like a nonexistent one.
          const missing = await INVOKE[key]!("missing");
          expect(missing.allowed).toBe(false);
          expect(missing.message!.replaceAll(NONEXISTENT, "ID")).toBe(result.message!.replaceAll(String(users.alice.accountId), "ID"));
        }
      });
    }
  }
});
