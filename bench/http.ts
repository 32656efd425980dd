// `npm run bench:http`: the HTTP path under load. A production build served by `next start` on its own
// PostgreSQL cluster (default durability), driven by autocannon with 16 connections:
//   GET /api/health, GET /api/v1/accounts/:id, POST /api/v1/transfers uniform and hot (every transfer
//   credits one account) — with the coalescing poster (the default), then with LEDGER_COALESCE=0;
// and pgbench's raw transfer SQL as the reference, in the same run. Reports requests/s, p50/p99
// latency, Node CPU ms per request (the server process, from /proc), and database statements per
// request (pg_stat_statements: round trips, authentication included). Ends with ledger verification.
// Timings go to stdout, never into tests. Knobs: BENCH_HTTP_SECONDS (6 per round), BENCH_HTTP_ROUNDS (2),
// BENCH_HTTP_CONNECTIONS (16),
// BENCH_HTTP_ACCOUNTS (2000), BENCH_HTTP_COMPARE=0 (skip the LEDGER_COALESCE=0 server),
// BENCH_HTTP_CPU_PROF=<dir> (write the server's V8 CPU profiles there), BENCH_DATABASE_URL.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { disconnectDb } from "../lib/db/client";
import { generateApiToken, hashApiToken, apiTokenDisplayPrefix } from "../lib/auth/api-token-format";
import { verifyLedger } from "../lib/ledger/verify";
import { openBenchDatabase } from "./bench-database";
import { formatTable } from "./format-table";
import { createBenchAccounts, growLedger } from "./generate-ledger";
import { runLoad, type BenchUser, type Scenario } from "./http-load";
import { ensureProductionBuild, startAppServer, type AppServer } from "./http-server";
import { findPgbench, runPgbench } from "./run-pgbench";
import { StatementCounter } from "./statement-stats";
import { int, ratio } from "./stats";

const intEnv = (name: string, fallback: number) => (process.env[name] ? Number(process.env[name]) : fallback);
const seconds = intEnv("BENCH_HTTP_SECONDS", 6);
const connections = intEnv("BENCH_HTTP_CONNECTIONS", 16);
const accountCount = intEnv("BENCH_HTTP_ACCOUNTS", 2000);
const rounds = Math.max(1, intEnv("BENCH_HTTP_ROUNDS", 2));
const log = (line: string) => console.log(line);
const loadAvg = () => os.loadavg().map((l) => l.toFixed(2)).join(" ");

interface Row {
  label: string;
  perSecond: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  statementsPerRequest: number;
  non2xx: number;
  errors: number;
}

const database = await openBenchDatabase({ serverUrl: process.env.BENCH_DATABASE_URL || undefined, keep: false, log });
process.env.DATABASE_URL = database.url;
const rows: Row[] = [];
const notes: string[] = [];
const servers: AppServer[] = [];
try {
  const header = `Countinghouse HTTP benchmark — ${new Date().toISOString()}\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, load avg at start ${loadAvg()}\ndatabase: ${database.description}`;
  log(header);
  const accounts = await createBenchAccounts(database.url, accountCount);
  await growLedger(database.url, accounts, accountCount * 20, 50_000); // ~20 credits of 100–10,000 minor units each: plenty for 1-unit transfers
  const users: BenchUser[] = accounts.personal.map((accountId) => ({ token: generateApiToken(), accountId }));
  await insertTokens(database.url, users);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: database.url,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
  };
  await ensureProductionBuild(env, log);
  const counter = await StatementCounter.open(database.url, database.hasStatements);

  // Both servers run from the start and the scenarios alternate between them, round after round (in
  // reverse order every other round), so a drift in the machine's load (shared with other work) hits
  // every scenario alike; the figures are sums over the rounds.
  const serve = (coalesce: boolean, profileTag: string) => {
    const profileDir = process.env.BENCH_HTTP_CPU_PROF;
    const nodeOptions = profileDir ? `--cpu-prof --cpu-prof-dir=${path.resolve(profileDir, profileTag)}` : "";
    return startAppServer({ ...env, LEDGER_COALESCE: coalesce ? "1" : "0", NODE_OPTIONS: [env.NODE_OPTIONS, nodeOptions].filter(Boolean).join(" ") });
  };
  const coalescing = await serve(true, "coalescing");
  servers.push(coalescing);
  const scenarios: [string, Scenario, AppServer][] = [
    ["GET /api/health", "health", coalescing],
    ["GET /api/v1/accounts/:id", "account", coalescing],
    ["POST /api/v1/transfers uniform (coalescing)", "transfer-uniform", coalescing],
    ["POST /api/v1/transfers hot (coalescing)", "transfer-hot", coalescing],
  ];
  if (process.env.BENCH_HTTP_COMPARE !== "0") {
    const oneEach = await serve(false, "one-call-each");
    servers.push(oneEach);
    scenarios.push(
      ["POST /api/v1/transfers uniform (LEDGER_COALESCE=0)", "transfer-uniform", oneEach],
      ["POST /api/v1/transfers hot (LEDGER_COALESCE=0)", "transfer-hot", oneEach],
    );
  }
  for (const [, scenario, app] of scenarios) await runLoad({ baseUrl: app.baseUrl, scenario, users, connections, seconds: 2 }); // warm-up, unmeasured

  log(`\nHTTP, ${connections} connections, ${rounds} round(s) × ${seconds} s per scenario, interleaved:`);
  const totals = new Map<string, { requests: number; seconds: number; cpuMs: number; statements: number; p50: number[]; p99: number[]; non2xx: number; errors: number }>();
  // The raw reference, same cluster, interleaved with the rest: pgbench's transfer SQL.
  const reference: Record<string, number> = {};
  const referenceRuns: Record<string, number[]> = {};
  let pgbenchMissing: string | null = null;
  try {
    findPgbench();
  } catch (error) {
    pgbenchMissing = (error as Error).message;
    notes.push(`pgbench reference NOT run: ${pgbenchMissing}`);
    log(`  ${notes.at(-1)}`);
  }
  const runReference = async () => {
    if (pgbenchMissing) return;
    const first = accounts.personal[0]!;
    const last = accounts.personal.at(-1)!;
    for (const workload of ["uniform", "hot"] as const) {
      const script = path.join(import.meta.dirname, `transfer-${workload}.sql`);
      const r = await runPgbench({ url: database.url, script, clients: connections, seconds, variables: { first, last, hot: first, amt: 1 } });
      (referenceRuns[workload] ??= []).push(r.tps);
      log(`  ${`pgbench raw SQL transfers, ${workload}`.padEnd(52)} ${int(r.tps).padStart(6)} tps   latency avg ${r.latencyMs} ms`);
    }
  };
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) await runReference();
    for (const [label, scenario, app] of round % 2 === 0 ? scenarios : [...scenarios].reverse()) {
      await counter.reset();
      const cpu0 = app.cpuMs();
      const load = await runLoad({ baseUrl: app.baseUrl, scenario, users, connections, seconds });
      const cpuMs = app.cpuMs() - cpu0;
      const stats = await counter.read();
      const t = totals.get(label) ?? { requests: 0, seconds: 0, cpuMs: 0, statements: 0, p50: [], p99: [], non2xx: 0, errors: 0 };
      t.requests += load.requests;
      t.seconds += load.requests / load.perSecond;
      t.cpuMs += cpuMs;
      t.statements += stats?.calls ?? Number.NaN;
      t.p50.push(load.p50);
      t.p99.push(load.p99);
      t.non2xx += load.non2xx;
      t.errors += load.errors;
      totals.set(label, t);
      log(`  ${label.padEnd(52)} ${int(load.perSecond).padStart(6)} req/s  p50 ${load.p50} ms  p99 ${load.p99} ms${load.non2xx ? `  non-2xx ${load.non2xx}: ${load.sampleFailures.join(" | ")}` : ""}`);
    }
    if (round % 2 === 1) await runReference();
  }
  for (const [workload, runs] of Object.entries(referenceRuns)) reference[workload] = runs.reduce((sum, v) => sum + v, 0) / runs.length;
  for (const [label, t] of totals) {
    rows.push({
      label,
      perSecond: t.requests / t.seconds,
      p50: Math.max(...t.p50),
      p99: Math.max(...t.p99),
      cpuMsPerRequest: t.cpuMs / Math.max(1, t.requests),
      statementsPerRequest: t.statements / Math.max(1, t.requests),
      non2xx: t.non2xx,
      errors: t.errors,
    });
  }
  for (const app of servers.splice(0)) await app.stop();
  await counter.close();

  const report = await verifyLedger();
  const verification = `${report.violations.length} violation(s) over ${int(report.accountsChecked)} accounts and ${int(report.entriesChecked)} entries`;

  const health = rows.find((r) => r.label.startsWith("GET /api/health"))?.perSecond ?? Number.NaN;
  console.log(`\n${"=".repeat(100)}\nSUMMARY\n${header}\nload avg at end ${loadAvg()}\n`);
  console.log(
    formatTable(
      ["scenario", "req/s", "of health", "of pgbench", "p50 ms (worst round)", "p99 ms (worst round)", "node CPU ms/req", "db statements/req", "non-2xx", "errors"],
      [
        ...rows.map((r) => {
          const workload = r.label.includes("uniform") ? "uniform" : r.label.includes("hot") ? "hot" : null;
          return [
            r.label,
            int(r.perSecond),
            ratio(r.perSecond / health),
            workload && reference[workload] ? ratio(r.perSecond / reference[workload]) : "-",
            String(r.p50),
            String(r.p99),
            r.cpuMsPerRequest.toFixed(2),
            Number.isNaN(r.statementsPerRequest) ? "n/a" : r.statementsPerRequest.toFixed(2),
            String(r.non2xx),
            String(r.errors),
          ];
        }),
        ...Object.entries(reference).map(([w, tps]) => [`pgbench raw SQL, ${w}`, int(tps), ratio(tps / health), "1.00×", "-", "-", "-", "5.00", "-", "-"]),
      ],
    ),
  );
  console.log(
    [
      "Targets (issue 11): transfers/s ≥ 0.6 × health/s (uniform), ≥ 0.5 × health/s (hot), in the same run.",
      "db statements/req: statements PostgreSQL executed per request (pg_stat_statements), authentication included;",
      "node CPU ms/req: CPU time of the `next start` process tree / requests served.",
      ...notes,
      `Ledger verification after the run: ${verification}`,
    ].join("\n"),
  );
  if (report.violations.length > 0) process.exitCode = 1;
} finally {
  for (const app of servers) await app.stop();
  await disconnectDb().catch(() => undefined);
  await database.close();
}

async function insertTokens(url: string, users: readonly BenchUser[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // The bench generator makes user bench-user-<n> the owner of the n-th personal account.
    await client.query(
      `INSERT INTO api_tokens (id, user_id, name, prefix, token_hash)
       SELECT 'bench-token-' || n, 'bench-user-' || n, 'bench', prefix, hash
         FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(prefix, hash, n)`,
      [users.map((u) => apiTokenDisplayPrefix(u.token)), users.map((u) => hashApiToken(u.token))],
    );
  } finally {
    await client.end();
  }
}
