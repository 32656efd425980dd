// A progress bar for the ledger CLIs, fed by the { done, total } callbacks of lib/ledger. It draws
// on stderr, so stdout carries only the results (pipeable); without a TTY it prints a line now and then.
import cliProgress from "cli-progress";
import type { Progress } from "../../lib/ledger/account-ranges";

export interface ProgressBar {
  onProgress: (progress: Progress) => void;
  stop: () => void;
}

export function progressBar(label: string, unit: string): ProgressBar {
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {percentage}% {value}/{total} ${unit}`,
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: true,
      notTTYSchedule: 2000,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    onProgress: ({ done, total }) => {
      if (!started) {
        bar.start(total, done);
        started = true;
      } else {
        bar.setTotal(total);
        bar.update(done);
      }
    },
    stop: () => {
      if (started) bar.stop();
      started = false;
    },
  };
}
