// Shared plumbing of the ledger CLIs (ledger:verify, ledger:recalculate, ledger:archive): argument
// parsing with messages a person can act on, the DATABASE_URL requirement, and exit codes.
import { parseArgs, type ParseArgsConfig } from "node:util";
import { disconnectDb } from "../../lib/db/client";
import { isAppError } from "../../lib/errors/app-error";

export class UsageError extends Error {
  override name = "UsageError";
}

/** Exit codes: 0 done/clean, 1 violations found or the run failed, 2 bad arguments or setup. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export const DATABASE_URL_HELP =
  "DATABASE_URL is not set. While `npm start` runs the default database, use its URL (the port is in the start log), e.g.\n" +
  "  DATABASE_URL='postgresql://postgres:postgres@127.0.0.1:54329/countinghouse' npm run ledger:verify\n" +
  "or point DATABASE_URL at your PostgreSQL server.";

export function parseCliArgs<T extends NonNullable<ParseArgsConfig["options"]>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals: false }).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** `--account 42` → 42n. */
export function parseAccountIdArg(value: string): bigint {
  if (!/^[1-9]\d{0,18}$/.test(value)) throw new UsageError(`--account must be an account id (a positive whole number), got "${value}".`);
  return BigInt(value);
}

/** `--before 2026-01-01` (midnight UTC) or a full ISO timestamp with zone. */
export function parseDateArg(value: string | undefined, flag = "--before"): Date {
  if (!value) throw new UsageError(`${flag} is required, e.g. ${flag} 2026-01-01 (entries created before that UTC midnight).`);
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const timestamp = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(value);
  const date = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if ((!dateOnly && !timestamp) || Number.isNaN(date.getTime()) || (dateOnly && date.toISOString().slice(0, 10) !== value)) {
    throw new UsageError(`${flag} must be a date like 2026-01-01 or a timestamp like 2026-01-01T12:00:00Z, got "${value}".`);
  }
  return date;
}

export function parsePositiveIntArg(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^[1-9]\d{0,6}$/.test(value)) throw new UsageError(`${flag} must be a whole number from 1 to 9999999, got "${value}".`);
  return Number(value);
}

/** Call after parsing arguments, so `--help` and bad arguments never need a database. */
export function requireDatabaseUrl(): void {
  if (!process.env.DATABASE_URL) throw new SetupError(DATABASE_URL_HELP);
}

export class SetupError extends Error {
  override name = "SetupError";
}

/**
 * Runs a CLI body and exits with its code. `--help` prints usage; usage errors → exit 2 with the
 * usage; expected errors (AppError) → their message; anything else → the error. Always disconnects.
 */
export async function runCli(usage: string, main: (argv: string[]) => Promise<number>): Promise<never> {
  let code: number = EXIT.failed;
  const argv = process.argv.slice(2);
  try {
    if (argv.includes("--help") || argv.includes("-h")) {
      console.log(usage);
      code = EXIT.ok;
    } else {
      code = await main(argv);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${usage}`);
      code = EXIT.usage;
    } else if (error instanceof SetupError) {
      console.error(error.message);
      code = EXIT.usage;
    } else if (isAppError(error)) {
      console.error(error.message);
    } else {
      console.error(error);
    }
  } finally {
    await disconnectDb();
  }
  process.exit(code);
}
