// A throwaway PostgreSQL cluster from the machine's own binaries (Debian's postgresql package), for
// tests and benchmarks on machines that have no server to point at. Loopback only, trust auth,
// a free port, removed on stop. PostgreSQL refuses to run as root, so as root the cluster belongs
// to the `postgres` OS user.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";

export interface PgCluster {
  url: (database: string) => string;
  port: number;
  stop: () => void;
}

export function findPgBinDir(): string {
  const fromEnv = process.env.PG_BIN_DIR;
  if (fromEnv && existsSync(path.join(fromEnv, "initdb"))) return fromEnv;
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).filter((v) => existsSync(path.join(debianRoot, v, "bin", "initdb")));
    versions.sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(debianRoot, versions[0], "bin");
  }
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) return path.dirname(which.stdout.trim());
  throw new Error(
    "No PostgreSQL server binaries found (initdb). Install them (`apt-get install -y postgresql`), set PG_BIN_DIR, or set DATABASE_URL_TEST to an existing server.",
  );
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export async function startPgCluster(options: { log?: (line: string) => void; settings?: Record<string, string> } = {}): Promise<PgCluster> {
  const bin = findPgBinDir();
  const asRoot = userInfo().uid === 0;
  const dir = mkdtempSync(path.join(tmpdir(), "countinghouse-pg-"));
  const dataDir = path.join(dir, "data");
  const port = await freePort();
  const run = (cmd: string, args: string[]) => {
    const full = path.join(bin, cmd);
    if (asRoot) execFileSync("runuser", ["-u", "postgres", "--", full, ...args], { stdio: "pipe" });
    else execFileSync(full, args, { stdio: "pipe" });
  };
  if (asRoot) chownSync(dir, uidOf("postgres"), gidOf("postgres"));
  run("initdb", ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"]);
  const settings = {
    listen_addresses: "127.0.0.1",
    unix_socket_directories: dir,
    max_connections: "200",
    fsync: "off",
    ...options.settings,
  };
  const opts = Object.entries(settings).map(([k, v]) => `-c ${k}=${v}`).join(" ");
  run("pg_ctl", ["-D", dataDir, "-o", `-p ${port} ${opts}`, "-l", path.join(dir, "log"), "-w", "start"]);
  options.log?.(`throwaway PostgreSQL cluster on 127.0.0.1:${port} (${dataDir})`);
  let stopped = false;
  return {
    port,
    url: (database) => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop: () => {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", dataDir, "-m", "immediate", "-w", "stop"]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function uidOf(user: string): number {
  return Number(execFileSync("id", ["-u", user], { encoding: "utf8" }).trim());
}
function gidOf(user: string): number {
  return Number(execFileSync("id", ["-g", user], { encoding: "utf8" }).trim());
}
