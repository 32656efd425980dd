// Runs one of the bench/*.sql transfer scripts with pgbench (-c workers -j 2 -T seconds) and reads
// its throughput. pgbench is the raw reference the posting service is compared with.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  latencyMs: number;
}

/**
 * pgbench does not come with the npm-shipped server (it has only initdb, pg_ctl and postgres), so
 * it is looked for beside PG_BIN_DIR, in Debian's server directories, then on PATH.
 */
export function findPgbench(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(path.join(process.env.PG_BIN_DIR, "pgbench"));
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const versions = readdirSync(debianRoot).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debianRoot, v, "bin", "pgbench")));
  }
  const which = spawnSync("sh", ["-c", "command -v pgbench"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) candidates.push(which.stdout.trim());
  const found = candidates.find((c) => existsSync(c));
  if (!found) {
    throw new Error(
      "pgbench is not installed, and the transfer benchmark needs it as its raw-SQL reference (the PostgreSQL that npm installs has no pgbench). " +
        "Install it with `apt-get install -y postgresql` (Debian/Ubuntu) or your platform's PostgreSQL client tools, or set PG_BIN_DIR to a directory that has it.",
    );
  }
  return found;
}

export async function runPgbench(options: {
  url: string;
  script: string;
  clients: number;
  seconds: number;
  variables: Record<string, string | number | bigint>;
}): Promise<PgbenchResult> {
  const url = new URL(options.url);
  const args = [
    "-n",
    "-c", String(options.clients),
    "-j", "2",
    "-T", String(options.seconds),
    "-f", options.script,
    ...Object.entries(options.variables).flatMap(([k, v]) => ["-D", `${k}=${v}`]),
    "-h", url.hostname,
    "-p", url.port || "5432",
    "-U", decodeURIComponent(url.username || "postgres"),
    url.pathname.slice(1),
  ];
  const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password) };
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(findPgbench(), args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(`pgbench exited ${code}: ${err.trim() || out.trim()}`))));
  });
  const number = (re: RegExp): number => Number(re.exec(output)?.[1] ?? Number.NaN);
  const tps = number(/tps = ([\d.]+) \(without initial connection time\)/);
  if (!Number.isFinite(tps)) throw new Error(`could not read pgbench's tps from:\n${output}`);
  return {
    tps,
    transactions: number(/number of transactions actually processed: (\d+)/),
    failed: number(/number of failed transactions: (\d+)/) || 0,
    latencyMs: number(/latency average = ([\d.]+) ms/),
  };
}
