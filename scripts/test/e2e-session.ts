// One end-to-end run: a fresh database on the given server (migrated and seeded), a production
// build, `next start` on a free port, Playwright, then everything torn down again, whatever failed.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { migrate } from "../../lib/db/migrate";
import { buildStaleness } from "../lib/needs-build";
import { runNext, spawnNext } from "../lib/next-cli";
import { freePort } from "../lib/pg-cluster";
import { seedWithProgress } from "../lib/seed-with-progress";
import { assertLocalDatabase, withDatabase } from "./database-urls";
import { startFakeResend, type FakeResend } from "./fake-resend";

const root = path.resolve(import.meta.dirname, "../..");
const log = (line: string) => console.log(`[e2e] ${line}`);

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitForHealthy(baseUrl: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`The app did not become healthy at ${baseUrl} within ${timeoutMs / 1000} s`);
}

function runPlaywright(env: NodeJS.ProcessEnv, extraArgs: string[]): Promise<number> {
  const cli = path.join(root, "node_modules", "@playwright", "test", "cli.js");
  const child = spawn(process.execPath, [cli, "test", "--config", path.join(root, "e2e", "playwright.config.ts"), ...extraArgs], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve(code ?? 1)));
}

/** Returns Playwright's exit code (non-zero when any test failed or setup broke). */
export async function runE2e(options: { serverUrl: string; jsonReport?: string; playwrightArgs?: string[] }): Promise<number> {
  assertLocalDatabase(options.serverUrl);
  const database = `ch_e2e_${process.pid}_${Date.now().toString(36)}`;
  const databaseUrl = withDatabase(options.serverUrl, database);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    AUTH_TRUST_HOST: "true",
    // Playwright's browsers all connect from loopback; trusting it as a proxy lets each test act as
    // its own client address (X-Forwarded-For) for the sign-in and sign-up throttles.
    TRUSTED_PROXIES: "127.0.0.1,::1",
    // Companies founded during the run issue 1,000 shares instead of 1,000,000, so the market
    // journey's 10-share trade visibly moves the price (with 1,000,000 shares its 8% impact is a
    // fraction of a cent and rounds to zero). Seeded companies, created in this process, keep 1,000,000.
    MARKET_SHARES_PER_COMPANY: process.env.MARKET_SHARES_PER_COMPANY ?? "1000",
  };
  let server: ReturnType<typeof spawnNext> | undefined;
  // Invoice emails go to a local fake of Resend's API; tests read what it got at FAKE_RESEND_URL.
  const fakeResend: FakeResend = await startFakeResend();
  env.RESEND_BASE_URL = fakeResend.url;
  env.RESEND_API_KEY = "re_e2e_fake_key";
  env.FAKE_RESEND_URL = fakeResend.url;
  // Retries a second apart (doubling) and a sweep every second, so a spec can watch a failing email
  // being retried and delivered (e2e/admin-emails.spec.ts) within its time limit.
  env.EMAIL_RETRY_BASE_SECONDS = "1";
  env.EMAIL_SWEEP_SECONDS = "1";
  await adminQuery(options.serverUrl, `CREATE DATABASE "${database}"`);
  try {
    await migrate({ connectionString: databaseUrl });
    process.env.DATABASE_URL = databaseUrl; // the seed runs in this process through lib/db/client
    await seedWithProgress();

    const { stale, reason } = buildStaleness(root);
    if (stale || !existsSync(path.join(root, ".next", "BUILD_ID"))) {
      log(`next build (${reason})`);
      const started = performance.now();
      await runNext(root, ["build"], env);
      log(`built in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    } else {
      log("production build is up to date");
    }

    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    // Links in emails (invoice, password reset) point at this server.
    env.APP_BASE_URL = baseUrl;
    server = spawnNext(root, ["start", "--port", String(port), "--hostname", "127.0.0.1"], env);
    await waitForHealthy(baseUrl, 60_000);
    log(`next start on ${baseUrl}, database ${database}`);

    return await runPlaywright({ ...env, E2E_BASE_URL: baseUrl, E2E_JSON_REPORT: options.jsonReport ?? "" }, options.playwrightArgs ?? []);
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    await adminQuery(options.serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
    await fakeResend.close();
  }
}
