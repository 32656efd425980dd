// Runs one of the bench/*.sql transfer scripts with pgbench (-c workers -j 2 -T seconds) and reads
// its throughput. pgbench is the raw reference the posting service is compared with.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { findPgBinDir } from "../scripts/lib/pg-cluster";

export interface PgbenchResult {
  tps: number;
  transactions: number;
  failed: number;
  latencyMs: number;
}

export function findPgbench(): string {
  const candidates: string[] = [];
  try {
    candidates.push(path.join(findPgBinDir(), "pgbench"));
  } catch {
    // no server binaries: fall back to the client package's wrapper
  }
  candidates.push("/usr/bin/pgbench");
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error("pgbench not found (install postgresql or postgresql-contrib, or set PG_BIN_DIR).");
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
