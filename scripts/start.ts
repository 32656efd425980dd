// `npm start` (production) and `npm run dev` (`--dev`): everything between a fresh clone and a
// served app. Resolves the database (DATABASE_URL, or the default PostgreSQL server in .data/postgres),
// AUTH_SECRET (env, or generated once into .data/auth-secret), applies migrations, seeds an empty
// default database (another one only with SEED_DEMO=1), builds when the build is missing or stale,
// then runs Next.js with those variables.
// This process owns the default database server, so it stays up as the parent of `next` and shuts
// both down on SIGINT/SIGTERM (Next first, then a clean shutdown of the server).
import type { ChildProcess } from "node:child_process";
import path from "node:path";
import { MigrationError } from "../lib/db/migrate";
import { DEMO_ALICE, DEMO_ADMIN } from "../lib/seed/demo-users";
import { ensureAuthSecret } from "./lib/auth-secret";
import { LegacyDataError, type EmbeddedPostgres } from "./lib/embedded-postgres";
import { AlreadyRunningError } from "./lib/instance-lock";
import { buildStaleness } from "./lib/needs-build";
import { runNext, spawnNext } from "./lib/next-cli";
import { PostgresSetupError } from "./lib/postgres-binaries";
import { prepareDatabase } from "./lib/prepare-database";
import { SeedDemoFlagError } from "./lib/demo-seed-decision";

const startedAt = performance.now();
const dev = process.argv.includes("--dev");
const root = process.cwd();
const dataRoot = path.join(root, ".data");
const log = (line: string) => console.log(`[countinghouse] ${line}`);
const seconds = () => `${((performance.now() - startedAt) / 1000).toFixed(1)} s`;

let embedded: EmbeddedPostgres | undefined;
let child: ChildProcess | undefined;
let shuttingDown = false;

async function shutdown(code: number): Promise<never> {
  await embedded?.stop().catch((error: Error) => console.error(`Stopping the database server failed: ${error.message}`));
  process.exit(code);
}

function onSignal(signal: NodeJS.Signals): void {
  if (shuttingDown) return;
  shuttingDown = true;
  if (!child || child.exitCode !== null) {
    void shutdown(130);
    return;
  }
  log(`${signal}: stopping Next.js${embedded ? " and the database server" : ""}`);
  child.kill(signal);
  // Next normally exits at once; never leave the database server waiting on a wedged child.
  setTimeout(() => child?.kill("SIGKILL"), 10_000).unref();
}
process.on("SIGINT", onSignal);
process.on("SIGTERM", onSignal);

async function main(): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

  // `embedded` is set as soon as the server runs, so a Ctrl-C during migrations or the seed stops it.
  const database = await prepareDatabase({ env, dataRoot, log, onServerStarted: (server) => (embedded = server) });
  env.DATABASE_URL = database.url;

  if (!env.AUTH_SECRET) {
    const { secret, file, created } = ensureAuthSecret(dataRoot);
    env.AUTH_SECRET = secret;
    if (created) log(`Generated AUTH_SECRET into ${file}`);
  }
  // Auth.js refuses hosts it does not trust in production; this server is reached on its own URL.
  env.AUTH_TRUST_HOST ??= "true";

  if (!dev) {
    const { stale, reason } = buildStaleness(root);
    if (stale) {
      log(`Building the app (${reason}); this takes a minute or two`);
      await runNext(root, ["build"], env);
    }
  }

  const port = env.PORT ?? "3000";
  child = spawnNext(root, [dev ? "dev" : "start", "--port", port], env);
  child.once("spawn", () => {
    log(`Serving http://localhost:${port} (setup took ${seconds()}; Next.js says when it is ready)`);
    if (database.demoUsers) log(`Sign in as ${DEMO_ALICE.email} / ${DEMO_ALICE.password} (admin: ${DEMO_ADMIN.email} / ${DEMO_ADMIN.password})`);
  });
  child.once("exit", (code, signal) => {
    if (!shuttingDown) log(`Next.js exited (${signal ?? `code ${code}`})`);
    void shutdown(shuttingDown ? 0 : (code ?? 1));
  });
}

main().catch(async (error: Error) => {
  const expected = [AlreadyRunningError, MigrationError, LegacyDataError, PostgresSetupError, SeedDemoFlagError];
  if (expected.some((type) => error instanceof type)) {
    console.error(error.message);
  } else {
    console.error(error);
  }
  await shutdown(1);
});
