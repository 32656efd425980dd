// One execution of a job, recorded in job_runs (status, duration, error) — what /admin/jobs shows.
// A paused job's executions are recorded as skipped and do nothing. A failure is recorded and
// rethrown so pg-boss retries it with backoff; after the last retry pg-boss marks the job failed.
import type { Db } from "../db/client";
import type { JobDefinition, JobOutput } from "./job-definition";
import { slotFor } from "./slot";

export interface QueuedJob {
  id: string;
  createdOn: Date;
  retryCount: number;
  data: unknown;
}

export async function executeJob(def: JobDefinition, prisma: Db, job: QueuedJob): Promise<JobOutput> {
  const data = (job.data ?? {}) as { slot?: string };
  // An explicit slot (Run now from /admin/jobs, tests) wins; otherwise the cron occurrence.
  const slot = data.slot ? new Date(data.slot) : slotFor(def.cron, job.createdOn);
  const startedAt = new Date();
  const setting = await prisma.jobSetting.findUnique({ where: { name: def.name }, select: { paused: true } });
  if (setting?.paused) {
    await prisma.jobRun.create({
      data: { name: def.name, jobId: job.id, attempt: job.retryCount, status: "skipped", startedAt, finishedAt: startedAt, durationMs: 0, error: "paused" },
    });
    return { skipped: true, reason: "paused" };
  }
  const run = await prisma.jobRun.create({
    data: { name: def.name, jobId: job.id, attempt: job.retryCount, status: "running", startedAt },
    select: { id: true },
  });
  const t0 = performance.now();
  try {
    const output = await def.run({ prisma, slot, jobId: job.id, attempt: job.retryCount });
    await prisma.jobRun.update({
      where: { id: run.id },
      data: { status: "completed", finishedAt: new Date(), durationMs: Math.round(performance.now() - t0), output },
    });
    return output;
  } catch (error) {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    await prisma.jobRun
      .update({ where: { id: run.id }, data: { status: "failed", finishedAt: new Date(), durationMs: Math.round(performance.now() - t0), error: message.slice(0, 2000) } })
      .catch(() => undefined);
    throw error;
  }
}
