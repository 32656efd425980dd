// What /admin/jobs shows: each registered job with its schedule, next run, paused state, recent
// executions (job_runs) and recent failures, plus pg-boss's own queue counts when installed.
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { JobDefinition } from "./job-definition";
import { JOBS, findJob } from "./registry";
import { nextRun } from "./slot";
import { JOBS_SCHEMA } from "./worker";

export interface JobRunView {
  id: string;
  jobId: string;
  attempt: number;
  status: string;
  startedAt: Date;
  durationMs: number | null;
  error: string | null;
  output: unknown;
}

export interface JobOverview {
  name: string;
  title: string;
  description: string;
  cron: string | null;
  paused: boolean;
  nextRunAt: Date | null;
  lastRuns: JobRunView[];
  failures: JobRunView[];
  /** pg-boss job states (created, retry, active, completed, failed …) → count; null before the first worker start. */
  queue: Record<string, number> | null;
}

const runSelect = { id: true, jobId: true, attempt: true, status: true, startedAt: true, durationMs: true, error: true, output: true } as const;

function view(r: { id: bigint; jobId: string; attempt: number; status: string; startedAt: Date; durationMs: number | null; error: string | null; output: unknown }): JobRunView {
  return { ...r, id: String(r.id) };
}

export async function listJobOverview(prisma: Db, now = new Date()): Promise<JobOverview[]> {
  const settings = new Map((await prisma.jobSetting.findMany()).map((s) => [s.name, s.paused]));
  const queues = await queueCounts(prisma);
  return Promise.all(
    JOBS.map(async (def) => {
      const [lastRuns, failures] = await Promise.all([
        prisma.jobRun.findMany({ where: { name: def.name }, orderBy: { id: "desc" }, take: 10, select: runSelect }),
        prisma.jobRun.findMany({ where: { name: def.name, status: "failed" }, orderBy: { id: "desc" }, take: 5, select: runSelect }),
      ]);
      const paused = settings.get(def.name) ?? false;
      return {
        name: def.name,
        title: def.title,
        description: def.description,
        cron: def.cron,
        paused,
        nextRunAt: paused ? null : nextRun(def.cron, now),
        lastRuns: lastRuns.map(view),
        failures: failures.map(view),
        queue: queues?.get(def.name) ?? (queues ? {} : null),
      };
    }),
  );
}

async function queueCounts(prisma: Db): Promise<Map<string, Record<string, number>> | null> {
  const [installed] = await prisma.$queryRawUnsafe<{ t: string | null }[]>(`SELECT to_regclass($1)::text AS t`, `${JOBS_SCHEMA}.job`);
  if (!installed?.t) return null;
  const rows = await prisma.$queryRawUnsafe<{ name: string; state: string; n: bigint }[]>(
    `SELECT name, state::text AS state, count(*) AS n FROM ${JOBS_SCHEMA}.job WHERE name = ANY($1::text[]) GROUP BY name, state`,
    JOBS.map((j) => j.name),
  );
  const out = new Map<string, Record<string, number>>();
  for (const r of rows) {
    const counts = out.get(r.name) ?? {};
    counts[r.state] = Number(r.n);
    out.set(r.name, counts);
  }
  return out;
}

/** A registered job by name, or AppError('not_found') for a name an admin's form made up. */
export function requireJob(name: string): JobDefinition {
  const job = findJob(name);
  if (!job) throw new AppError("not_found", `No job named ${name.slice(0, 100)}.`);
  return job;
}

/** Pause or resume a job everywhere: every worker checks the flag before it runs the job. */
export async function setJobPaused(prisma: Db, name: string, paused: boolean): Promise<void> {
  requireJob(name);
  await prisma.jobSetting.upsert({ where: { name }, create: { name, paused }, update: { paused, updatedAt: new Date() } });
}
