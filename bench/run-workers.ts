// A fixed-duration closed loop: `workers` async loops, each awaiting one operation after another
// until the deadline. Also records where the CPU went: this Node process (as a share of one
// core, since JavaScript runs on one thread) and the whole machine.
import { readFileSync } from "node:fs";

export interface LoopResult {
  operations: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  perSecond: number;
  /** This process's CPU time / wall time: 1.0 means one core fully busy (the event loop's ceiling). */
  nodeCpu: number;
  /** Share of all cores busy during the run (from /proc/stat), NaN where unavailable. */
  machineBusy: number;
}

function machineTicks(): { busy: number; total: number } | null {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/).slice(1).map(Number);
    const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
    const total = fields.reduce((s, v) => s + v, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

export async function runForDuration(workers: number, seconds: number, operation: (worker: number) => Promise<unknown>): Promise<LoopResult> {
  const deadline = performance.now() + seconds * 1000;
  let operations = 0;
  let errors = 0;
  let firstError: string | null = null;
  const ticks0 = machineTicks();
  const cpu0 = process.cpuUsage();
  const start = performance.now();
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      while (performance.now() < deadline) {
        try {
          await operation(worker);
          operations++;
        } catch (error) {
          errors++;
          firstError ??= (error as Error).message.split("\n").slice(0, 3).join(" ");
        }
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const ticks1 = machineTicks();
  const machineBusy = ticks0 && ticks1 ? (ticks1.busy - ticks0.busy) / Math.max(1, ticks1.total - ticks0.total) : Number.NaN;
  return {
    operations,
    errors,
    firstError,
    seconds: elapsed,
    perSecond: operations / elapsed,
    nodeCpu: (cpu.user + cpu.system) / 1e6 / elapsed,
    machineBusy,
  };
}
