// Benchmark 3: recalculate-all's wall time and peak memory at a given ledger size. A few balance
// rows are corrupted first so the run has something to fix (and reports it).
import { spawn } from "node:child_process";
import path from "node:path";
import cliProgress from "cli-progress";
import pg from "pg";
import type { BenchAccounts } from "./generate-ledger";
import type { RecalculateChildResult } from "./recalculate-child";

export interface RecalculateFigures extends RecalculateChildResult {
  entries: number;
  corruptedBefore: number;
}

const CORRUPTED_ROWS = 10;

export async function measureRecalculate(url: string, accounts: BenchAccounts, entries: number): Promise<RecalculateFigures> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const victims = accounts.personal.slice(1, 1 + CORRUPTED_ROWS).map(String);
    await client.query(`UPDATE balances SET balance = balance + 1 WHERE account_id = ANY($1::bigint[])`, [victims]);
    await client.query("CHECKPOINT").catch(() => undefined);
  } finally {
    await client.end();
  }
  const result = await runChild(url, entries);
  return { ...result, entries, corruptedBefore: CORRUPTED_ROWS };
}

function runChild(url: string, entries: number): Promise<RecalculateChildResult> {
  const bar = new cliProgress.SingleBar(
    { format: `Recalculating all balances (${entries.toLocaleString("en-US")} entries) [{bar}] {value}/{total} accounts`, noTTYOutput: true, notTTYSchedule: 5000 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return new Promise((resolve, reject) => {
    // process.execPath is the Node that npm run gave us (Node 24); tsx loads the TypeScript.
    const child = spawn(process.execPath, ["--import", "tsx", path.join(import.meta.dirname, "recalculate-child.ts")], {
      env: { ...process.env, DATABASE_URL: url, DATABASE_POOL_SIZE: "2" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => {
      for (const line of d.toString().split("\n")) {
        const m = /^progress (\d+) (\d+)$/.exec(line);
        if (!m) {
          if (line.trim()) err += `${line}\n`;
          continue;
        }
        if (!started) {
          bar.start(Number(m[2]), 0);
          started = true;
        }
        bar.setTotal(Number(m[2]));
        bar.update(Number(m[1]));
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (started) bar.stop();
      const last = out.trim().split("\n").at(-1) ?? "";
      if (code !== 0 || !last.startsWith("{")) return reject(new Error(`recalculation run failed (exit ${code}): ${err.trim()}`));
      resolve(JSON.parse(last) as RecalculateChildResult);
    });
  });
}
