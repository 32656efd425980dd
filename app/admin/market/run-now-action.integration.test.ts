// The admin's "Run now" is idempotent per form submission: the form carries its slot (a UUID drawn
// when the page rendered), so the same submission sent 100 times at once (double clicks, a browser's
// retries) runs the marketplace once and every other answer names that run, as a success; each answer
// hands the form a new slot, and the next submission is a new run. A malformed slot is an inline
// error and writes nothing. Invoked as a function with a mocked admin session.
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { FormState } from "@/app/_components/form-state";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { ensureSystemAccounts, systemAccountId } from "@/lib/ledger/system-accounts";
import { STALE_RUN_FORM_MESSAGE } from "@/lib/market/run-now-slot";
import { createTestUser } from "@/scripts/test/ledger-fixtures";
import { holdLock, overlapped, raceBehind } from "@/scripts/test/lock-interleaving";
import { createTestCompany } from "@/scripts/test/market-fixtures";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/auth/current-user", () => ({
  getCurrentUser: async () => session.user,
  getCurrentSession: async () => (session.user ? { user: session.user, sessionId: "run-now" } : null),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));

const { runMarketplaceAction } = await import("./actions");

// db() creates its pool on first use, which is after this line.
const POOL = 24;
process.env.DATABASE_POOL_SIZE = String(POOL);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
let marketplace: bigint;

beforeAll(async () => {
  const owner = await createTestUser({ openingDeposit: 10_000_000n });
  await createTestCompany(owner, { prices: ["12.00", "30.00"] });
  await createTestCompany(owner, { prices: ["8.00"] });
  const admin = await createTestUser({ role: "ADMIN" });
  session.user = { id: admin.id, email: admin.email, name: "Admin", role: "ADMIN" };
  marketplace = await db().$transaction(async (tx) => {
    await ensureSystemAccounts(tx, ["USD"], ["marketplace"]);
    return systemAccountId(tx, "marketplace", "USD");
  });
});

const submit = (slot: string) => {
  const data = new FormData();
  data.set("slot", slot);
  return runMarketplaceAction({ status: "idle" }, data);
};

const counts = async () => ({ runs: await db().marketplaceRun.count(), entries: await db().ledgerEntry.count() });

describe("runMarketplaceAction", () => {
  it("100 concurrent submissions of one form run once; the others say which run it was; the next slot is a new run", async () => {
    const slot = randomUUID();
    const before = await counts();
    const lock = await holdLock(`SELECT 1 FROM balances WHERE account_id = $1 FOR UPDATE`, [String(marketplace)]);
    // Released once every pooled connection is inside a run: the first at its posting, the others on the slot.
    const answers = await raceBehind(lock, Array.from({ length: 100 }, () => () => submit(slot)), POOL);
    expect(overlapped(answers)).toBe(true);

    const states: FormState[] = answers.map((a) => a.result);
    expect(states.every((s) => s.status === "success")).toBe(true);
    const ran = states.filter((s) => /^Run #\d+: /.test(s.message!));
    expect(ran).toHaveLength(1);
    const runId = /^Run #(\d+):/.exec(ran[0]!.message!)![1]!;
    const repeats = states.filter((s) => s !== ran[0]);
    expect(new Set(repeats.map((s) => s.message))).toEqual(new Set([`Run #${runId} already recorded for this submission; the marketplace did not run again.`]));
    const recorded = await db().marketplaceRun.findMany({ where: { slot: `manual:${slot}` } });
    expect(recorded.map((r) => String(r.id))).toEqual([runId]);
    expect(recorded[0]).toMatchObject({ trigger: "manual", triggeredById: session.user!.id });
    const after = await counts();
    expect(after.runs).toBe(before.runs + 1);
    expect(after.entries - before.entries).toBe(recorded[0]!.entriesWritten);

    // Every answer hands the form a fresh slot; submitting it is the next run.
    const nextSlots = states.map((s) => s.values?.slot);
    for (const next of nextSlots) expect(next).toMatch(UUID);
    expect(new Set(nextSlots).size).toBe(100);
    expect(nextSlots).not.toContain(slot);
    const next = await submit(nextSlots[0]!);
    expect(next.message).toMatch(/^Run #\d+: /);
    expect(next.message).not.toContain(`Run #${runId}:`);
    expect((await counts()).runs).toBe(before.runs + 2);
    // The same UUID in capitals is the same submission.
    expect((await submit(nextSlots[0]!.toUpperCase())).message).toMatch(/already recorded for this submission/);
    expect((await counts()).runs).toBe(before.runs + 2);
  });

  it("a malformed slot is an inline error, nothing is written, and the form gets a usable slot", async () => {
    const before = await counts();
    for (const bad of ["", "not-a-uuid", `manual:${randomUUID()}`, `${randomUUID()} `, "00000000-0000-0000-0000-00000000000g", "' OR 1=1 --"]) {
      const state = await submit(bad);
      expect(state, JSON.stringify(bad)).toMatchObject({ status: "error", message: STALE_RUN_FORM_MESSAGE, fieldErrors: { slot: STALE_RUN_FORM_MESSAGE } });
      expect(state.values?.slot).toMatch(UUID);
    }
    expect(await counts()).toEqual(before);
  });

  it("a member is refused before the slot is looked at", async () => {
    const member = await createTestUser();
    const admin = session.user;
    session.user = { id: member.id, email: member.email, name: "Member", role: "USER" };
    try {
      const before = await counts();
      for (const slot of [randomUUID(), "not-a-uuid"]) {
        expect(await submit(slot)).toMatchObject({ status: "error", message: "You do not have permission to do that." });
      }
      expect(await counts()).toEqual(before);
    } finally {
      session.user = admin;
    }
  });
});
