// `npm run test:bank [-- --duration 30s --clients 16 --faults --seed N --json FILE]`
//
// Jepsen-style bank test of the whole deployment: its own PostgreSQL cluster, a migrated database
// with N players (real sign-ups, funded accounts, API tokens), one production build, TWO `next start`
// instances on different ports plus the job worker (worker-hook.ts), N clients running transfers,
// trades, checkouts, invoice payments, marketplace runs and reads against both through a round-robin
// balancer, a checker during and after the run and, with --faults, process kills (apps and worker),
// connection kills and a database restart.
// Exit code 1 on any violation.
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { disconnectDb } from "../../lib/db/client";
import { buildStaleness } from "../lib/needs-build";
import { runNext } from "../lib/next-cli";
import { startPgCluster, type PgCluster } from "../lib/pg-cluster";
import { seededRandom } from "../test/seeded-random";
import { AppInstance } from "./app-instances";
import { Checker } from "./checker";
import { checkInvoices, checkTickets } from "./check-commerce";
import { checkJobs, waitForJobRun } from "./check-jobs";
import { checkMarketplace } from "./check-marketplace";
import { checkBankEmail, startBankEmail, type BankEmail } from "./email-check";
import { injectFaults, type FaultRecord } from "./faults";
import { History } from "./history";
import { Balancer } from "./http";
import { OPERATION_KINDS } from "./kinds";
import { parseBankOptions } from "./options";
import { printReport, type BankReport } from "./report";
import { runClients } from "./run-clients";
import { inSnapshot } from "./snapshot";
import { WorkerProcess } from "./worker-hook";
import { createBankWorld } from "./world";

const root = path.resolve(import.meta.dirname, "../..");
const log = (line: string) => console.log(`[bank] ${line}`);
const options = parseBankOptions(process.argv.slice(2));
const logDir = mkdtempSync(path.join(tmpdir(), "countinghouse-bank-"));
const DATABASE = "bank";
/** After the run ends, unanswered operations keep retrying this long before they count as unresolved. */
const GRACE_MS = 120_000;
/** After the run, how long to wait for a cron job to run after the worker's last restart (jobs fire at most once a minute). */
const JOB_RESUME_WAIT_MS = 100_000;

let cluster: PgCluster | undefined;
const instances: AppInstance[] = [];
let worker: WorkerProcess | undefined;
let bankEmail: BankEmail | undefined;
let exitCode = 1;
const teardown = async () => {
  await Promise.all([worker?.stop(), ...instances.map((i) => i.stop())]);
  await bankEmail?.fake.close();
  cluster?.stop();
};
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => void teardown().finally(() => process.exit(130)));

try {
  log(`seed ${options.seed}, ${options.clients} clients, ${options.durationMs / 1000} s${options.faults ? ", with faults" : ""}; logs in ${logDir}`);
  cluster = await startPgCluster({ log, settings: { max_connections: "300" } });
  const { databaseUrl, users, listedTicker, sellers, admin } = await createBankWorld(cluster.url("postgres"), DATABASE, options.clients);
  log(`${users.length} players signed up with funded accounts and API tokens`);

  const { stale, reason } = buildStaleness(root);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
    // The separate worker process runs the jobs; the app instances leave them to it. The
    // marketplace runs every minute (the most cron allows), so a run sees it fire after a worker kill.
    JOBS_IN_APP: "0",
    MARKET_MARKETPLACE_CRON: process.env.MARKET_MARKETPLACE_CRON ?? "* * * * *",
  };

  // Email under failure (email-check.ts): invoice emails go to a fake Resend failing 30 % of requests.
  bankEmail = await startBankEmail(options.seed);
  Object.assign(env, bankEmail.env);
  log(`fake Resend at ${bankEmail.fake.url}, failing 30 % of requests`);

  if (stale) {
    log(`next build (${reason})`);
    await runNext(root, ["build"], env);
  }
  for (const name of ["app-a", "app-b"]) instances.push(await AppInstance.create(name, root, env, logDir));
  const startSeconds = await Promise.all(instances.map((i) => i.start()));
  log(`next start ×2: ${instances.map((i, n) => `${i.name} ${i.baseUrl} (${startSeconds[n]!.toFixed(1)} s)`).join(", ")}`);
  worker = WorkerProcess.create(root, env, logDir);
  if (!worker) throw new Error("package.json has no worker script: the bank test needs the job worker (worker-hook.ts)");
  log(`job worker ready in ${(await worker.start()).toFixed(1)} s`);

  // The checker's Prisma client (lib/ledger/verify.ts) marks its connections so faults spare them.
  process.env.DATABASE_URL = `${databaseUrl}?application_name=bank-checker`;
  const history = new History();
  const checker = new Checker(databaseUrl, history);
  await checker.quick("before the run");
  await checker.verify("before the run", true);

  const startedAt = performance.now();
  const endAt = Date.now() + options.durationMs;
  let running = true;
  const periodic = (async () => {
    for (let tick = 1; running; tick++) {
      await new Promise((r) => setTimeout(r, 2000));
      if (!running) break;
      await checker.quick(`during the run (${((performance.now() - startedAt) / 1000).toFixed(0)} s)`);
      if (tick % 3 === 0) await checker.verify(`during the run (${((performance.now() - startedAt) / 1000).toFixed(0)} s)`);
      if (tick % 15 === 0) {
        const ops = history.summary(1).reduce((n, k) => n + k.count, 0);
        log(`${((performance.now() - startedAt) / 1000).toFixed(0)} s: ${ops} operations, ${history.violations.length} violations, ${checker.verifications} verifications`);
      }
    }
  })();
  const faults: Promise<FaultRecord[]> = options.faults
    ? injectFaults({
        instances,
        worker,
        restartPostgres: () => cluster!.restart(),
        checker,
        pool: checker.pool,
        database: DATABASE,
        random: seededRandom(options.seed ^ 0x5eed),
        startedAt,
        durationMs: options.durationMs,
      })
    : Promise.resolve([]);
  let faultsDone = !options.faults;
  const markDone = () => {
    faultsDone = true;
  };
  faults.then(markDone, markDone);
  const { maxInFlight } = await runClients({
    users,
    listedTicker,
    sellers,
    admin,
    kinds: OPERATION_KINDS,
    balancer: new Balancer(instances),
    history,
    seed: options.seed,
    // The planned duration, and at least until every fault is injected and every instance is back.
    done: () => Date.now() >= endAt && faultsDone,
    giveUpAt: endAt + GRACE_MS,
  });
  const seconds = (performance.now() - startedAt) / 1000;
  const faultRecords = await faults;
  running = false;
  await periodic;
  // Scheduled jobs must run again after the worker's last kill.
  const workerKilled = faultRecords.some((f) => f.kind === "worker-kill");
  const resumed = workerKilled && worker.readyAt ? await waitForJobRun(checker.pool, worker.readyAt, JOB_RESUME_WAIT_MS, log) : null;

  // After recovery: everything again, and the writes against the ledger.
  await checker.quick("after the run");
  await checker.verify("after the run", true);
  const writes = await checker.writes();
  const trades = await checker.trades();
  const checkouts = await checker.checkouts();

  // Email: wait for the outbox to drain, then every invoice's email sent and delivered exactly once.
  const email = await checkBankEmail({ pool: checker.pool, fake: bankEmail.fake, violation: (m) => history.violation(m), deadlineMs: 90_000 });

  // The worker has delivered; it stops, so no scheduled run moves while runs, invoices, tickets and jobs are checked.
  await worker.stop();
  const marketplace = await inSnapshot(checker.pool, (db) => checkMarketplace(db, history, admin.id));
  const invoices = await inSnapshot(checker.pool, (db) => checkInvoices(db, history));
  const tickets = await inSnapshot(checker.pool, (db) => checkTickets(db, history));
  const jobs = await checkJobs(checker.pool, history, resumed);
  if (options.faults && !workerKilled) history.violation("the job worker was never killed");
  if (maxInFlight < 2) history.violation(`operations never overlapped (at most ${maxInFlight} in flight)`);
  if (options.faults && faultRecords.filter((f) => f.kind === "app-kill").length < 5) history.violation("fewer than 5 app instance kills were injected");
  for (const f of faultRecords) if (!f.ok) history.violation(`fault ${f.kind} at ${f.atSeconds.toFixed(1)} s: ${f.outcome}`);
  if (writes.acked === 0) history.violation("no write was acknowledged");
  await checker.close();
  await disconnectDb();

  const kinds = history.summary(seconds);
  const report: BankReport = {
    seed: options.seed,
    clients: options.clients,
    seconds,
    kinds,
    totalPerSecond: kinds.reduce((s, k) => s + k.count, 0) / seconds,
    maxInFlight,
    faults: faultRecords,
    writes,
    trades,
    checkouts,
    marketplace,
    invoices,
    tickets,
    jobs,
    email,
    checks: { quick: checker.checksRun, verifications: checker.verifications, skipped: checker.checksSkipped },
    violations: history.violations,
  };
  printReport(report);
  if (options.jsonReport) writeFileSync(options.jsonReport, JSON.stringify(report, null, 2));
  exitCode = history.violations.length === 0 ? 0 : 1;
} catch (error) {
  console.error(error);
} finally {
  await teardown();
  if (exitCode === 0) rmSync(logDir, { recursive: true, force: true });
  else log(`app logs kept in ${logDir}`);
}
process.exit(exitCode);
