// After the run: the job worker's executions (job_runs, written by lib/jobs/execute-job.ts, joined to
// pg-boss's job rows for their creation time and to its schedules for their cron).
//   - Resumed: after the worker's last SIGKILL and restart, a scheduled job ran again: a job_runs row
//     of a pg-boss job created after the restarted worker was ready — filed by its scheduler (the app
//     instances run none) and run by its handlers, not a leftover queued before the kill. Cron
//     occurrences are a minute apart, so this may need waiting past the clients' end; waitForJobRun
//     bounds the wait.
//   - No double effect per (job, slot) — the slot executeJob derives, the cron occurrence at or
//     before the job's creation: at most one marketplace-run execution posted a run (a repeat finds
//     its slot taken and answers duplicate), and no company drifted twice at one price-drift slot.
//     Two executions of one slot are allowed, by design (JobDefinition.run must be safe to run
//     twice): a kill between the handler's end and pg-boss's acknowledgement runs the same job again,
//     and pg-boss may forward one cron occurrence as two jobs (seen in a 10-minute run, both
//     completing in the same minute). Both are counted and the second kind listed.
import type pg from "pg";
import { slotFor } from "../../lib/jobs/slot";
import type { History } from "./history";

export interface JobCounts {
  /** Executions per job name: completed / failed / left running by a kill. */
  perJob: Record<string, { completed: number; failed: number; interrupted: number }>;
  /** Executions of jobs filed after the worker's last restart (null: the worker was never killed). */
  afterLastRestart: number | null;
  /** How long the check waited after the clients stopped for such an execution. */
  waitedSeconds: number;
  /** Slots whose one job completed more than once (harmless repeats of an idempotent job). */
  repeats: number;
  /** (job, slot)s that completed in two or more pg-boss jobs, with the jobs' creation times. */
  duplicateJobs: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits (at most `timeoutMs`) for an execution of a job created after `since`; returns how many there are. */
export async function waitForJobRun(pool: pg.Pool, since: Date, timeoutMs: number, log: (line: string) => void): Promise<{ count: number; waitedSeconds: number }> {
  const started = performance.now();
  let said = false;
  for (;;) {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM job_runs r JOIN pgboss.job j ON j.id::text = r.job_id WHERE j.created_on > $1`,
      [since],
    );
    const waitedSeconds = (performance.now() - started) / 1000;
    if (rows[0]!.n > 0 || waitedSeconds * 1000 >= timeoutMs) return { count: rows[0]!.n, waitedSeconds };
    if (!said) log(`waiting up to ${(timeoutMs / 1000).toFixed(0)} s for a scheduled job to run after the worker's restart at ${since.toISOString()}`);
    said = true;
    await sleep(2000);
  }
}

export async function checkJobs(pool: pg.Pool, history: History, resumed: { count: number; waitedSeconds: number } | null): Promise<JobCounts> {
  const violation = (message: string) => history.violation(`jobs: ${message}`);
  const rows = (
    await pool.query<{ name: string; job_id: string; status: string; output: Record<string, unknown> | null; created_on: Date | null; slot: string | null; cron: string | null }>(
      `SELECT r.name, r.job_id, r.status, r.output, j.created_on, j.data->>'slot' AS slot, s.cron
         FROM job_runs r
         LEFT JOIN pgboss.job j ON j.id::text = r.job_id
         LEFT JOIN pgboss.schedule s ON s.name = r.name`,
    )
  ).rows;
  const counts: JobCounts = { perJob: {}, afterLastRestart: resumed?.count ?? null, waitedSeconds: resumed?.waitedSeconds ?? 0, repeats: 0, duplicateJobs: [] };
  const completed = new Map<string, { jobs: Map<string, Date>; effects: number; executions: number }>();
  for (const r of rows) {
    const per = (counts.perJob[r.name] ??= { completed: 0, failed: 0, interrupted: 0 });
    if (r.status === "completed") per.completed++;
    else if (r.status === "failed") per.failed++;
    else if (r.status === "running") per.interrupted++;
    if (r.status !== "completed") continue;
    if (!r.created_on) {
      violation(`${r.name} execution of job ${r.job_id} has no pg-boss job row`);
      continue;
    }
    const slot = r.slot ? new Date(r.slot) : slotFor(r.cron, r.created_on);
    const key = `${r.name} @ ${slot.toISOString()}`;
    const group = completed.get(key) ?? { jobs: new Map<string, Date>(), effects: 0, executions: 0 };
    group.jobs.set(r.job_id, r.created_on);
    group.executions++;
    if (r.name === "marketplace-run" && r.output && "run" in r.output) group.effects++;
    completed.set(key, group);
  }
  for (const [key, g] of completed) {
    if (g.jobs.size > 1) counts.duplicateJobs.push(`${key}: jobs created ${[...g.jobs.values()].sort((x, y) => x.getTime() - y.getTime()).map((d) => d.toISOString().slice(11, 23)).join(", ")}`);
    if (g.effects > 1) violation(`${key} posted ${g.effects} marketplace runs`);
    if (g.executions > g.jobs.size) counts.repeats++;
  }
  const drifts = await pool.query<{ company_id: string; at: Date; n: number }>(
    `SELECT company_id, created_at AS at, count(*)::int AS n FROM stock_prices WHERE reason = 'drift' GROUP BY company_id, created_at HAVING count(*) > 1`,
  );
  for (const d of drifts.rows) violation(`price-drift @ ${d.at.toISOString()} moved company ${d.company_id}'s price ${d.n} times`);
  if (resumed && resumed.count === 0) violation(`no scheduled job ran within ${resumed.waitedSeconds.toFixed(0)} s after the worker's last restart`);
  return counts;
}
