// The pg-boss worker: one per process (the app's, via instrumentation.ts, and/or `npm run worker`).
// With several processes each cron occurrence becomes one job (pg-boss files it under a singleton
// slot), one worker claims it (SKIP LOCKED), and the handler's own slot key (e.g. the unique
// marketplace_runs.slot) makes even a duplicate or retried job take effect once.
import { PgBoss } from "pg-boss";
import type { Db } from "../db/client";
import { startEmailSweep, type EmailSweep } from "../email/email-sweep";
import { executeJob } from "./execute-job";
import type { JobDefinition } from "./job-definition";
import { JOBS } from "./registry";

export const JOBS_SCHEMA = "pgboss";

export interface WorkerOptions {
  connectionString: string;
  prisma: Db;
  jobs?: readonly JobDefinition[];
  /** Create or update the cron schedules (default true). */
  schedule?: boolean;
  /** Seconds between polls for new jobs (default 2). */
  pollingIntervalSeconds?: number;
  /**
   * Run the short-interval email sweep (lib/email/email-sweep.ts) beside the jobs. Default: when
   * the jobs include email-delivery. One sweep loop per process however many workers it starts.
   */
  emailSweep?: boolean;
  log?: (line: string) => void;
}

export interface WorkerHandle {
  boss: PgBoss;
  stop(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const log = options.log ?? ((line: string) => console.log(`[jobs] ${line}`));
  const jobs = options.jobs ?? JOBS;
  const boss = new PgBoss({ connectionString: options.connectionString, schema: JOBS_SCHEMA, max: 3, application_name: "countinghouse-jobs" });
  boss.on("error", (error: Error) => log(`pg-boss error: ${error.message}`));
  await boss.start();
  for (const def of jobs) {
    if (await boss.getQueue(def.name)) await boss.updateQueue(def.name, queueOptions(def));
    else await boss.createQueue(def.name, queueOptions(def));
    if (options.schedule !== false) {
      if (def.cron) await boss.schedule(def.name, def.cron, {}, { tz: "UTC" });
      else await boss.unschedule(def.name);
    }
    await boss.work(def.name, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 2 }, async ([job]) => {
      if (!job) return null;
      return executeJob(def, options.prisma, { id: job.id, createdOn: job.createdOn, retryCount: job.retryCount, data: job.data });
    });
  }
  const releaseSweep = (options.emailSweep ?? jobs.some((j) => j.name === EMAIL_DELIVERY_JOB)) ? acquireEmailSweep(options.prisma, log) : null;
  log(`worker started: ${jobs.map((j) => `${j.name}${j.cron ? ` (${j.cron})` : ""}`).join(", ")}${releaseSweep ? ", email sweep" : ""}`);
  return {
    boss,
    async stop() {
      await releaseSweep?.();
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

const EMAIL_DELIVERY_JOB = "email-delivery";
const sweepHolder = globalThis as unknown as { countinghouseEmailSweep?: { sweep: EmailSweep; users: number } };

/**
 * The process's one email sweep, shared by every worker started in it (the in-app worker and, in
 * tests, several): one sweep at a time per process. Pausing the email-delivery job on /admin/jobs
 * pauses the sweeps too. Returns the release function; the last release stops the loop.
 */
function acquireEmailSweep(prisma: Db, log: (line: string) => void): () => Promise<void> {
  const held = (sweepHolder.countinghouseEmailSweep ??= {
    sweep: startEmailSweep({
      prisma,
      log: (line) => log(`email sweep: ${line}`),
      isPaused: async () => (await prisma.jobSetting.findUnique({ where: { name: EMAIL_DELIVERY_JOB }, select: { paused: true } }))?.paused ?? false,
    }),
    users: 0,
  });
  held.users += 1;
  let released = false;
  return async () => {
    if (released) return;
    released = true;
    held.users -= 1;
    if (held.users === 0 && sweepHolder.countinghouseEmailSweep === held) {
      sweepHolder.countinghouseEmailSweep = undefined;
      await held.sweep.stop();
    }
  };
}

function queueOptions(def: JobDefinition) {
  return { retryLimit: def.retryLimit, retryDelay: def.retryDelaySeconds, retryBackoff: true, retryDelayMax: 600, expireInSeconds: def.expireInSeconds };
}

/**
 * Sends a job now (admin "Run now" of any registered job); the slot is the minute it was sent.
 * Before any worker has started against this database the queue does not exist yet: it is created
 * here with the job's own options, so the job waits there for the first worker instead of failing.
 */
export async function sendJobNow(connectionString: string, def: JobDefinition): Promise<string | null> {
  const boss = new PgBoss({ connectionString, schema: JOBS_SCHEMA, max: 1, supervise: false, schedule: false });
  await boss.start();
  try {
    if (!(await boss.getQueue(def.name))) await boss.createQueue(def.name, queueOptions(def));
    return await boss.send(def.name, { slot: new Date().toISOString(), manual: true });
  } finally {
    await boss.stop({ graceful: false, close: true });
  }
}
