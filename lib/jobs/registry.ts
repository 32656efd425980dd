// Every background job the app runs. To add one (email delivery, idempotency-key cleanup, nightly
// verification …) write its handler in its domain folder and add one entry here: the worker
// creates the queue, the cron schedule and the worker for it, and /admin/jobs lists it.
import { checkAllCompanies } from "../companies/going-public";
import { deliverDueMessages } from "../email/deliver-outbox";
import { deleteExpiredIdempotencyKeys } from "../ledger/idempotency-cleanup";
import { verifyLedger } from "../ledger/verify";
import { marketConfig } from "../market/config";
import { runMarketplace } from "../market/run-marketplace";
import { driftPrices } from "../stocks/drift-prices";
import type { JobDefinition, JobOutput } from "./job-definition";

export const JOBS: readonly JobDefinition[] = [
  {
    name: "marketplace-run",
    title: "Marketplace",
    description: "Buys random products with a random budget and posts two marketplace_batch entries per selling company.",
    cron: marketConfig().marketplaceCron,
    retryLimit: 3,
    retryDelaySeconds: 5,
    expireInSeconds: 300,
    async run({ prisma, slot }): Promise<JobOutput> {
      // The slot key makes the run idempotent: a retry or a duplicate job for this occurrence finds
      // the recorded run and posts nothing.
      const outcome = await runMarketplace(prisma, { slot: `scheduled:${slot.toISOString()}`, trigger: "scheduled" });
      if (outcome.status === "duplicate") return { duplicate: true, slot: outcome.slot };
      const r = outcome.run;
      return { run: r.id, purchases: r.purchases, companies: r.companies, entries: r.entriesWritten, spent: String(r.spentMinor), wentPublic: r.wentPublic };
    },
  },
  {
    name: "price-drift",
    title: "Share price drift",
    description: "Moves every listed price 0.5% toward balance × 10 / shares (at most 3%), and lists companies that qualify.",
    cron: marketConfig().driftCron,
    retryLimit: 3,
    retryDelaySeconds: 5,
    expireInSeconds: 120,
    async run({ prisma, slot }): Promise<JobOutput> {
      // Going public first, so a company listed now starts drifting next time from its IPO price.
      const listed = await checkAllCompanies(prisma);
      const drift = await driftPrices(prisma, { slot });
      return { listed: listed.map((l) => l.ticker), companies: drift.companies, changed: drift.changed };
    },
  },
  {
    name: "idempotency-cleanup",
    title: "Idempotency key cleanup",
    description: "Deletes idempotency keys older than the retention (at least 24 hours); later retries start new requests.",
    cron: process.env.IDEMPOTENCY_CLEANUP_CRON ?? "17 * * * *",
    retryLimit: 3,
    retryDelaySeconds: 30,
    expireInSeconds: 600,
    async run({ prisma }): Promise<JobOutput> {
      return { deleted: await deleteExpiredIdempotencyKeys(prisma) };
    },
  },
  {
    name: "email-delivery",
    title: "Email delivery",
    description: "Sends due outbox messages (invoice emails, password-reset links) through Resend; failures retry with backoff. Backstop of the worker's email sweep (every EMAIL_SWEEP_SECONDS); pausing it pauses the sweep too.",
    cron: process.env.EMAIL_DELIVERY_CRON ?? "* * * * *",
    retryLimit: 1,
    retryDelaySeconds: 30,
    expireInSeconds: 300,
    async run({ prisma }): Promise<JobOutput> {
      // The worker's email sweep (lib/email/email-sweep.ts, every EMAIL_SWEEP_SECONDS) does the
      // routine sending, since a per-minute cron would make every retry wait a minute or more. This
      // job stays as the backstop and the visible record: a run per minute on /admin/jobs with its
      // counts, Run now, and Pause (which the sweeps obey too); and if a process's sweep loop is
      // stuck on a hung call, pg-boss expires and retries this job independently of it. When the
      // sweep has kept up it finds nothing due: one query a minute. Safe beside the sweeps: each
      // message is leased before sending and carries its idempotency key.
      const counts = await deliverDueMessages(prisma, 50, { worker: "job", concurrency: 4 });
      return { ...counts };
    },
  },
  {
    name: "ledger-verify",
    title: "Nightly ledger verification",
    description: "Checks every balance against the ledger, the balance-after chains and the per-currency totals; fails (visibly) on any violation.",
    cron: process.env.LEDGER_VERIFY_CRON ?? "30 3 * * *",
    retryLimit: 1,
    retryDelaySeconds: 300,
    expireInSeconds: 3600,
    async run(): Promise<JobOutput> {
      const report = await verifyLedger();
      if (report.violations.length > 0) {
        // A failed job is what /admin/jobs shows in red, with this message.
        throw new Error(`${report.violations.length} ledger violation(s), first: ${report.violations[0]!.message}`);
      }
      return { accounts: report.accountsChecked, entries: report.entriesChecked, violations: 0 };
    },
  },
];

export function findJob(name: string): JobDefinition | undefined {
  return JOBS.find((j) => j.name === name);
}
