// Health of the app's dependencies, for /api/health and for `npm start` to confirm a working setup.
// Failures report only "unreachable": error messages can carry hostnames and user names.
import type { Db } from "../db/client";
import { appliedVersion } from "../db/migrate";

export type Health =
  | { status: "ok"; database: { reachable: true; migration: string | null } }
  | { status: "error"; database: { reachable: false } };

/** An unreachable server can hang a connect for minutes; a health check must answer quickly. */
const TIMEOUT_MS = 5_000;

export async function getHealth(prisma: Db): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const migration = await Promise.race([
      appliedVersion((sql) => prisma.$queryRawUnsafe<{ migration_name: string }[]>(sql)),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error("database health check timed out")), TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", database: { reachable: true, migration } };
  } catch (error) {
    console.error(`[health] database unreachable: ${(error as Error).message}`);
    return { status: "error", database: { reachable: false } };
  } finally {
    clearTimeout(timer);
  }
}
