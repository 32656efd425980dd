// The worker inside the app process (started from instrumentation.ts), once per process.
// JOBS_IN_APP=0 (or false/off) disables it — tests and deployments that run `npm run worker`
// separately use that.
import { db } from "../db/client";
import { startWorker, type WorkerHandle } from "./worker";

const holder = globalThis as unknown as { countinghouseWorker?: Promise<WorkerHandle | null> };

export function inAppWorkerEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = (env.JOBS_IN_APP ?? "").trim().toLowerCase();
  return !["0", "false", "off", "no"].includes(value) && Boolean(env.DATABASE_URL);
}

export function startInAppWorker(): Promise<WorkerHandle | null> {
  if (!inAppWorkerEnabled()) return Promise.resolve(null);
  holder.countinghouseWorker ??= startWorker({ connectionString: process.env.DATABASE_URL!, prisma: db() })
    .then((handle) => {
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
