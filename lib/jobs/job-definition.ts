// What a scheduled job is. Adding a job = adding one JobDefinition to registry.ts.
import type { Db } from "../db/client";

export type JobOutput = { [key: string]: string | number | boolean | null | string[] };

export interface JobContext {
  prisma: Db;
  /** The scheduled occurrence this execution belongs to (cron time), or the time it was sent. */
  slot: Date;
  jobId: string;
  /** 0 on the first attempt, then 1, 2 … on retries. */
  attempt: number;
}

export interface JobDefinition {
  /** Queue name, kebab-case; also the key in job_settings and job_runs. */
  name: string;
  title: string;
  description: string;
  /** Cron expression in UTC, or null for a job that only runs when sent. */
  cron: string | null;
  /** Retries after the first failure, with exponential backoff from retryDelaySeconds. */
  retryLimit: number;
  retryDelaySeconds: number;
  /** A running job is failed (and retried) after this long. */
  expireInSeconds: number;
  /**
   * Does the work; returns a small summary shown on /admin/jobs. Must be safe to run twice for
   * the same slot (a retry after a crash between commit and acknowledgement runs it again).
   */
  run(context: JobContext): Promise<JobOutput>;
}
