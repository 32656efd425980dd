// Faults injected during `npm run test:bank -- --faults`, each logged with its outcome:
//   - SIGKILL an app instance at random moments (at least 5 per run) and restart it after a pause;
//   - pg_terminate_backend on random app connections (never the checker's own);
//   - one PostgreSQL restart mid-run (`pg_ctl stop -m fast` + start: sessions are cut off);
//   - SIGKILL the job worker (worker-hook.ts) and restart it: at least once per run, once per ~2 min
//     in long runs, early in a short run so that a cron occurrence can still fire after it.
// Kills are spread over the run and alternate between instances; under load a restart takes
// seconds, so at times both are down and clients retry until one answers again. Every scheduled
// fault is injected even when slow restarts push it past the planned end: the clients keep going
// until the last restarted instance is healthy (bank.ts), so the load outlasts every fault.
import type pg from "pg";
import type { Random } from "../test/seeded-random";
import type { AppInstance } from "./app-instances";
import { CHECKER_APPLICATION, type Checker } from "./checker";
import type { WorkerProcess } from "./worker-hook";

export interface FaultRecord {
  atSeconds: number;
  kind: "app-kill" | "worker-kill" | "backend-terminate" | "postgres-restart";
  target: string;
  outcome: string;
  ok: boolean;
}

export interface FaultPlan {
  instances: AppInstance[];
  /** The separate job worker, when the branch has one. */
  worker?: WorkerProcess;
  restartPostgres: () => void;
  checker: Checker;
  pool: pg.Pool;
  database: string;
  random: Random;
  startedAt: number;
  durationMs: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function injectFaults(plan: FaultPlan): Promise<FaultRecord[]> {
  const records: FaultRecord[] = [];
  const at = () => (performance.now() - plan.startedAt) / 1000;
  // At least 5 per run (issue 9); in long runs one per ~20 s, so that under load
  // (a restart takes 5–30 s on a busy 2-core machine) the app is not down most of the time.
  const kills = Math.max(5, Math.round(plan.durationMs / 20_000));
  const terminations = Math.max(4, Math.round(plan.durationMs / 10_000));
  // One timeline of events in [5 %, 85 %] of the run, so the last restarts finish while load continues.
  const events: { t: number; kind: FaultRecord["kind"] }[] = [];
  const span = plan.durationMs * 0.8;
  for (let i = 0; i < kills; i++) events.push({ t: plan.durationMs * 0.05 + (span * (i + plan.random.next() * 0.6)) / kills, kind: "app-kill" });
  for (let i = 0; i < terminations; i++) events.push({ t: plan.durationMs * 0.05 + span * plan.random.next(), kind: "backend-terminate" });
  const workerKills = plan.worker ? Math.max(1, Math.round(plan.durationMs / 120_000)) : 0;
  for (let i = 0; i < workerKills; i++) events.push({ t: plan.durationMs * (0.08 + (0.7 * (i + plan.random.next() * 0.5)) / workerKills), kind: "worker-kill" });
  events.push({ t: plan.durationMs * 0.5, kind: "postgres-restart" });
  events.sort((a, b) => a.t - b.t);

  const restarts: Promise<void>[] = [];
  let victim = 0;
  for (const event of events) {
    const wait = plan.startedAt + event.t - performance.now();
    if (wait > 0) await sleep(wait);
    if (event.kind === "app-kill") {
      // The next instance in turn that is up (waiting for one if all are restarting): sometimes
      // both are down at once, and clients must keep retrying until one is back.
      for (let i = 0; i < 300 && !plan.instances.some((x) => x.up); i++) await sleep(100);
      const n = plan.instances.length;
      const instance = [...Array(n).keys()].map((k) => plan.instances[(victim + k) % n]!).find((x) => x.up) ?? plan.instances[victim % n]!;
      victim = plan.instances.indexOf(instance) + 1;
      const record: FaultRecord = { atSeconds: at(), kind: "app-kill", target: instance.name, outcome: "", ok: false };
      records.push(record);
      await instance.kill();
      restarts.push(
        (async () => {
          const pause = plan.random.int(200, 1500);
          await sleep(pause);
          try {
            const seconds = await instance.start();
            record.ok = true;
            record.outcome = `SIGKILL; restarted after ${pause} ms, healthy in ${seconds.toFixed(1)} s`;
          } catch (error) {
            record.outcome = `SIGKILL; restart FAILED: ${(error as Error).message}`;
          }
          await plan.checker.quick(`after killing ${instance.name} at ${record.atSeconds.toFixed(1)} s`);
        })(),
      );
    } else if (event.kind === "worker-kill") {
      const worker = plan.worker!;
      const record: FaultRecord = { atSeconds: at(), kind: "worker-kill", target: worker.name, outcome: "", ok: false };
      records.push(record);
      await worker.kill();
      restarts.push(
        (async () => {
          const pause = plan.random.int(200, 1500);
          await sleep(pause);
          try {
            const seconds = await worker.start();
            record.ok = true;
            const retried = worker.failedStarts.length ? ` (after ${worker.failedStarts.length} start(s) that exited: ${worker.failedStarts[0]})` : "";
            record.outcome = `SIGKILL (process group); restarted after ${pause} ms, ready in ${seconds.toFixed(1)} s${retried}`;
          } catch (error) {
            record.outcome = `SIGKILL; restart FAILED: ${(error as Error).message}`;
          }
        })(),
      );
    } else if (event.kind === "backend-terminate") {
      const record: FaultRecord = { atSeconds: at(), kind: "backend-terminate", target: plan.database, outcome: "", ok: false };
      records.push(record);
      try {
        const { rows } = await plan.pool.query<{ pid: number; terminated: boolean }>(
          `SELECT pid, pg_terminate_backend(pid) AS terminated FROM pg_stat_activity
            WHERE datname = $1 AND pid <> pg_backend_pid() AND application_name <> $2 AND backend_type = 'client backend'
            ORDER BY random() LIMIT $3`,
          [plan.database, CHECKER_APPLICATION, plan.random.int(1, 4)],
        );
        record.ok = true;
        record.outcome = `terminated ${rows.filter((r) => r.terminated).length} app backend(s) (pids ${rows.map((r) => r.pid).join(", ") || "none connected"})`;
      } catch (error) {
        record.outcome = `could not terminate: ${(error as Error).message}`;
      }
    } else {
      const record: FaultRecord = { atSeconds: at(), kind: "postgres-restart", target: "PostgreSQL", outcome: "", ok: false };
      records.push(record);
      const started = performance.now();
      try {
        // Synchronous (pg_ctl): the harness's clients pause for its second or two, while the app
        // instances see their connections cut off mid-request.
        plan.restartPostgres();
        record.ok = true;
        record.outcome = `pg_ctl stop -m fast + start in ${((performance.now() - started) / 1000).toFixed(1)} s`;
      } catch (error) {
        record.outcome = `restart FAILED: ${(error as Error).message}`;
      }
      await plan.checker.quick(`after the PostgreSQL restart at ${record.atSeconds.toFixed(1)} s`);
    }
  }
  await Promise.all(restarts);
  return records;
}
