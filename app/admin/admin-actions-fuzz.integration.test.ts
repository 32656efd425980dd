// Property-based hostile input for the admin actions (issue 9 part 4): resending an email (ids that
// exist, do not, or are malformed), pausing and sending jobs (registered names, unknown names,
// payloads), and the marketplace's "Run now" (fresh, repeated and malformed slots) — invoked as
// functions with a mocked session that is an admin or an ordinary user. Ordinary users are refused
// the same way whatever they send; an admin's bad input is refused with a specific message (an
// expected error for the plain forms), never a crash; the database changes only by what was done.
import { randomUUID } from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { JOBS, findJob } from "@/lib/jobs/registry";
import { startWorker } from "@/lib/jobs/worker";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { countChanges, expectInlineError, form, fuzzSession, refusalMessage, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileId, hostileString } from "@/scripts/test/fuzz/hostile";
import { createTestUser, type TestUser } from "@/scripts/test/ledger-fixtures";

const session = fuzzSession;
vi.mock("@/lib/auth/current-user", async () => (await import("@/scripts/test/fuzz/form-actions")).currentUserMock);
vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test/fuzz/form-actions")).authMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);

const { resendEmailAction } = await import("./emails/actions");
const { pauseJobAction, sendJobAction } = await import("./jobs/actions");
const { runMarketplaceAction } = await import("./market/actions");

const FORBIDDEN = "You do not have permission to do that.";
let admin: TestUser;
let user: TestUser;
let outboxId: string;

const asSession = (u: TestUser): SessionUser => ({ id: u.id, email: u.email, name: "Someone", role: u.role });
const who = fc.oneof({ weight: 3, arbitrary: fc.constant("admin" as const) }, { weight: 1, arbitrary: fc.constant("user" as const) });

beforeAll(async () => {
  // No provider in this suite: a resend queues the message again and leaves it pending.
  delete process.env.RESEND_API_KEY;
  admin = await createTestUser({ role: "ADMIN" });
  user = await createTestUser();
  outboxId = (await requestPasswordReset({ email: user.email }, { clientIp: "192.0.2.1" })).outboxId!;
  // The job queues exist once a worker has started (as in production), so an admin can send a job.
  await (await startWorker({ connectionString: process.env.DATABASE_URL!, prisma: db(), jobs: JOBS, schedule: false, log: () => {} })).stop();
});

describe("admin actions under hostile input", () => {
  it("resendEmailAction: admins resend existing messages; anything else is an expected refusal", async () => {
    const before = await dbState();
    await fc.assert(
      fc.asyncProperty(who, fc.oneof({ weight: 2, arbitrary: fc.constantFrom("real", "cmissing0000000000000000") }, { weight: 3, arbitrary: hostileId }), async (w, ref) => {
        session.user = asSession(w === "admin" ? admin : user);
        const id = ref === "real" ? outboxId : ref;
        const outcome = await runAction(() => resendEmailAction(form({ id })));
        if (succeeded(outcome)) {
          expect(w).toBe("admin");
          expect(outcome).toEqual({ kind: "redirect", to: `/admin/emails/${outboxId}` });
          expect((await db().emailOutbox.findUniqueOrThrow({ where: { id: outboxId } })).status).toBe("pending");
          return;
        }
        expect(outcome.kind).toBe("refused");
        if (w === "user") expect(refusalMessage(outcome)).toMatch(new RegExp(`^${FORBIDDEN}`));
      }),
      fuzzParams(300),
    );
    const changes = countChanges(before, await dbState());
    // Delivery attempts may be recorded (email_*); no message is added or removed.
    expect(Object.keys(changes).filter((t) => !t.startsWith("email_") || t === "email_outbox")).toEqual([]);
  });

  it("pauseJobAction and sendJobAction: registered jobs only, admins only", async () => {
    const before = await dbState();
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(
        who,
        fc.constantFrom("pause", "pause", "pause", "send"),
        fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...JOBS.map((j) => j.name)) }, { weight: 1, arbitrary: fc.constantFrom("", "MARKETPLACE-RUN", "constructor", "__proto__", "price-drift ", "pgboss.job") }, { weight: 3, arbitrary: hostileString }),
        fc.oneof(fc.constantFrom("true", "false"), hostileString),
        async (w, op, name, paused) => {
          session.user = asSession(w === "admin" ? admin : user);
          // Sending a registered job starts a pg-boss client: a few suffice.
          if (op === "send" && findJob(name) && (w !== "admin" || sent >= 3)) return;
          const outcome = await runAction(() => (op === "pause" ? pauseJobAction(form({ name, paused })) : sendJobAction(form({ name }))));
          if (succeeded(outcome)) {
            expect(w).toBe("admin");
            expect(findJob(name)).toBeDefined();
            if (op === "send") sent++;
            else expect((await db().jobSetting.findUniqueOrThrow({ where: { name } })).paused).toBe(paused === "true");
            return;
          }
          expect(outcome.kind).toBe("refused");
          if (w === "user") expect(refusalMessage(outcome)).toMatch(new RegExp(`^${FORBIDDEN}`));
          else expect(findJob(name)).toBeUndefined();
        },
      ),
      fuzzParams(400),
    );
    expect(sent).toBeGreaterThan(0);
    // A job's paused flag is one row per registered job at most.
    const changes = countChanges(before, await dbState());
    expect(Object.keys(changes).filter((t) => t !== "job_settings")).toEqual([]);
    expect(changes.job_settings ?? 0).toBeLessThanOrEqual(JOBS.length);
  });

  it("runMarketplaceAction: one run per fresh slot for admins; repeated, malformed and non-admin submissions run nothing", async () => {
    const before = await dbState();
    const slots: string[] = [];
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(who, fc.oneof({ weight: 2, arbitrary: fc.constantFrom("fresh", "again", "upper") }, { weight: 1, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: hostileString }), async (w, ref) => {
        session.user = asSession(w === "admin" ? admin : user);
        const slot = ref === "fresh" ? randomUUID() : ref === "again" ? (slots.at(-1) ?? randomUUID()) : ref === "upper" ? (slots.at(-1) ?? randomUUID()).toUpperCase() : ref;
        const runsBefore = await db().marketplaceRun.count();
        const outcome = await runAction(() => runMarketplaceAction({ status: "idle" }, form({ slot })));
        const ran = (await db().marketplaceRun.count()) - runsBefore;
        if (succeeded(outcome)) {
          expect(w).toBe("admin");
          expect(ran).toBeLessThanOrEqual(1);
          if (ran === 1) {
            runs++;
            expect(slots.map((s) => s.toLowerCase())).not.toContain(slot!.toLowerCase());
          }
          slots.push(slot!);
          return;
        }
        expect(ran).toBe(0);
        const refusal = expectInlineError(outcome, ["slot"]);
        if (w === "user") expect(refusal.message).toBe(FORBIDDEN);
      }),
      fuzzParams(100),
    );
    expect(runs).toBeGreaterThan(0);
    expect(countChanges(before, await dbState()).marketplace_runs ?? 0).toBe(runs);
  });

  it("without a session every admin action is refused and nothing changes", async () => {
    session.user = null;
    const before = await dbState();
    for (const run of [() => resendEmailAction(form({ id: outboxId })), () => pauseJobAction(form({ name: "price-drift", paused: "true" })), () => sendJobAction(form({ name: "price-drift" })), () => runMarketplaceAction({ status: "idle" }, form({ slot: randomUUID() }))]) {
      expect(refusalMessage(await runAction(run))).toMatch(/^Your session has ended/);
    }
    expect(await dbState()).toEqual(before);
  });
});
