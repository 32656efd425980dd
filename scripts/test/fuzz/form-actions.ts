// Calling server actions as functions under hostile input (issue 9 part 4), shared by the action fuzz
// suites. Each suite mocks next/navigation with `navigationMock` (so redirect, notFound and
// forbidden become recognizable throws) and the session with its own `vi.hoisted` holder; this
// module classifies what an action did and checks that a refusal is one the user can act on.
import { expect, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { GENERIC_ERROR_MESSAGE, type FormState } from "@/app/_components/form-state";
import { CONNECTION_LOST_MESSAGE, BUSY_MESSAGE } from "@/lib/db/database-errors";
import { isAppError, type AppError } from "@/lib/errors/app-error";

export class NextRedirect extends Error {
  constructor(readonly to: string) {
    super(`redirect ${to}`);
  }
}
export class NextNotFound extends Error {}
export class NextForbidden extends Error {}

/** For `vi.mock("next/navigation", async () => (await import(…)).navigationMock)`. */
export const navigationMock = {
  redirect: (to: string): never => {
    throw new NextRedirect(to);
  },
  permanentRedirect: (to: string): never => {
    throw new NextRedirect(to);
  },
  notFound: (): never => {
    throw new NextNotFound("not found");
  },
  forbidden: (): never => {
    throw new NextForbidden("forbidden");
  },
};

/**
 * The signed-in user of a suite (null: signed out). Suites mock the session with
 * `vi.mock("@/lib/auth/current-user", async () => (await import(…)).currentUserMock)` and Auth.js with
 * `authMock`, then set `fuzzSession.user`; the factories import this same module instance.
 */
export const fuzzSession: { user: SessionUser | null } = { user: null };
export const currentUserMock = {
  getCurrentUser: async () => fuzzSession.user,
  getCurrentSession: async () => (fuzzSession.user ? { user: fuzzSession.user, sessionId: "fuzz-session" } : null),
};
/** Auth.js itself needs the Next.js runtime; the actions under test only call these. */
export const authMock = { auth: vi.fn(), signIn: vi.fn(), signOut: vi.fn(), handlers: {} };

/**
 * `next/headers` where every call comes from its own client address (10.x.y.z, counting up), so the
 * per-address throttles (lib/auth's to test) count nothing; per-email limits still apply.
 */
let addresses = 0;
export const freshAddressHeadersMock = {
  headers: async () => {
    const n = ++addresses;
    return new Headers({ "x-forwarded-for": `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}` });
  },
  cookies: async () => ({ get: () => undefined }),
};

/** A form field as a browser (or a hand-made request) may send it: text, several values, a file, or nothing. */
export type FormValue = string | string[] | File | undefined;

/** FormData from fields; undefined leaves the field out, an array sends it repeatedly. */
export function form(fields: Record<string, unknown>): FormData {
  const data = new FormData();
  for (const [k, v] of Object.entries(fields)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const item of v) data.append(k, String(item));
    else if (v instanceof Blob) data.append(k, v);
    else data.append(k, String(v));
  }
  return data;
}

/** What an action did: a form state, a redirect, Next's notFound/forbidden, or (void actions) an expected error thrown. */
export type Outcome =
  | { kind: "state"; state: FormState }
  | { kind: "redirect"; to: string }
  | { kind: "notFound" }
  | { kind: "forbidden" }
  | { kind: "refused"; error: AppError };

/**
 * Runs an action and classifies its outcome. Anything else thrown (an unexpected error that Next
 * would show as the generic error page) fails the test, as does a form state with the generic
 * message: both mean user input reached a place that was not ready for it. A transient database
 * answer (busy, connection lost) is no finding of a fuzz run and also fails it, loudly.
 */
export async function runAction(run: () => Promise<FormState | void>): Promise<Outcome> {
  try {
    const state = await run();
    if (!state) return { kind: "state", state: { status: "success" } };
    if (state.status === "error") expectSpecificMessage(state.message, state);
    return { kind: "state", state };
  } catch (error) {
    if (error instanceof NextRedirect) return { kind: "redirect", to: error.to };
    if (error instanceof NextNotFound) return { kind: "notFound" };
    if (error instanceof NextForbidden) return { kind: "forbidden" };
    // Void actions (plain <form action>) refuse by throwing an expected error, as the authorization
    // matrix (app/_tests/server-actions-authz.integration.test.ts) has it.
    if (isAppError(error)) {
      expectSpecificMessage(error.message, error);
      return { kind: "refused", error };
    }
    throw error;
  }
}

function expectSpecificMessage(message: string | undefined, context: unknown): void {
  const shown = JSON.stringify(context, (_k, v) => (typeof v === "bigint" ? String(v) : v));
  expect(message ?? "", shown).not.toBe(GENERIC_ERROR_MESSAGE);
  expect([BUSY_MESSAGE, CONNECTION_LOST_MESSAGE], shown).not.toContain(message);
  expect((message ?? "").length, shown).toBeGreaterThan(0);
}

/** A refusal the user can act on: field errors naming one of `fields`, or a specific message. */
export function expectInlineError(outcome: Outcome, fields: readonly string[]): FormState | AppError {
  if (outcome.kind === "refused") {
    const named = Object.keys(outcome.error.fieldErrors ?? {}).some((f) => fields.includes(f));
    expect(named || outcome.error.message.length > 0).toBe(true);
    return outcome.error;
  }
  expect(outcome.kind, JSON.stringify(outcome)).toBe("state");
  const state = (outcome as { state: FormState }).state;
  expect(state.status, JSON.stringify(state)).toBe("error");
  const errors = Object.keys(state.fieldErrors ?? {});
  // Field errors, when given, are about fields the form has (so they show next to one).
  for (const f of errors) expect(fields.some((known) => f === known || f.startsWith(`${known}.`)), `${f} is not a field of this form: ${JSON.stringify(state)}`).toBe(true);
  return state;
}

/** The message of a refusal, whatever its form (for "someone else's reads like nonexistent"). */
export function refusalMessage(outcome: Outcome): string {
  if (outcome.kind === "refused") return `${outcome.error.message} ${JSON.stringify(outcome.error.fieldErrors ?? {})}`;
  if (outcome.kind === "state" && outcome.state.status === "error") return `${outcome.state.message} ${JSON.stringify(outcome.state.fieldErrors ?? {})}`;
  return outcome.kind;
}

export const succeeded = (outcome: Outcome): boolean => (outcome.kind === "state" && outcome.state.status === "success") || outcome.kind === "redirect";

/** Own enumerable and non-enumerable keys of Object.prototype, to catch prototype pollution from form keys. */
export function prototypeKeys(): string[] {
  return [...Object.getOwnPropertyNames(Object.prototype), ...Object.getOwnPropertyNames(Array.prototype)].sort();
}

/** Tables whose row count changed between two snapshots, with the change. */
export function countChanges(before: { counts: Record<string, number> }, after: { counts: Record<string, number> }): Record<string, number> {
  const out: Record<string, number> = {};
  for (const table of new Set([...Object.keys(before.counts), ...Object.keys(after.counts)])) {
    const d = (after.counts[table] ?? 0) - (before.counts[table] ?? 0);
    if (d !== 0) out[table] = d;
  }
  return out;
}
