// The short-interval delivery loop: deliverDueMessages, then a pause of EMAIL_SWEEP_SECONDS, again.
// pg-boss's cron fires at most once a minute, which would make every retry wait a minute or more;
// this loop gives a failed send its configured backoff instead. A sweep starts only after the
// previous one has finished, so one loop never runs two sweeps at once; several loops (in several
// processes, or in one test) are safe together because every attempt leases its message first.
import type { Db } from "../db/client";
import { deliverDueMessages, DELIVERY_OUTCOMES, type DeliveryCounts, type DeliveryOptions } from "./deliver-outbox";
import { emailDeliveryConfig } from "./delivery-config";

export interface EmailSweepOptions {
  prisma: Db;
  /** Pause between the end of one sweep and the start of the next; default EMAIL_SWEEP_SECONDS. */
  intervalMs?: number;
  /** Messages per sweep (default 50) and how many are sent at once (default 4). */
  limit?: number;
  concurrency?: number;
  delivery?: DeliveryOptions;
  /** Checked before each sweep; true skips it (the admin paused email delivery on /admin/jobs). */
  isPaused?: () => Promise<boolean>;
  log?: (line: string) => void;
}

export interface EmailSweep {
  /** Sweeps completed so far. */
  readonly sweeps: number;
  /** Totals over every sweep. */
  readonly totals: DeliveryCounts;
  /** Ends the loop after the sweep in progress, if any. */
  stop(): Promise<void>;
}

export function startEmailSweep(options: EmailSweepOptions): EmailSweep {
  const intervalMs = options.intervalMs ?? emailDeliveryConfig().sweepMs;
  const log = options.log ?? ((line: string) => console.log(`[email] ${line}`));
  let stopped = false;
  let sweeps = 0;
  const totals = emptyCounts();
  let wake: (() => void) | null = null;

  const loop = (async () => {
    while (!stopped) {
      try {
        if (!(await options.isPaused?.())) {
          const counts = await deliverDueMessages(options.prisma, options.limit ?? 50, {
            worker: "sweep",
            ...options.delivery,
            concurrency: options.concurrency ?? 4,
          });
          for (const key of Object.keys(totals) as (keyof DeliveryCounts)[]) totals[key] += counts[key];
          sweeps += 1;
        }
      } catch (error) {
        // A database that is restarting, a message whose delivery threw: the next sweep tries again
        // (a message that was leased becomes due when its lease ends).
        log(`sweep failed: ${error instanceof Error ? error.message : String(error)}`);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();

  return {
    get sweeps() {
      return sweeps;
    },
    get totals() {
      return { ...totals };
    },
    async stop() {
      stopped = true;
      (wake as (() => void) | null)?.();
      await loop;
    },
  };
}

function emptyCounts(): DeliveryCounts {
  return Object.fromEntries([...DELIVERY_OUTCOMES, "error"].map((o) => [o, 0])) as DeliveryCounts;
}
