// The demo seed with a progress bar, shared by `npm run db:seed` and `npm start`.
import cliProgress from "cli-progress";
import { disconnectDb, db } from "../../lib/db/client";
import { seedDemo } from "../../lib/seed/seed-demo";

export async function seedWithProgress(): Promise<string[]> {
  const bar = new cliProgress.SingleBar(
    { format: "Seeding demo data [{bar}] {value}/{total} {step}", hideCursor: true, clearOnComplete: false, noTTYOutput: true, notTTYSchedule: 2000 },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  try {
    const { created } = await seedDemo(db(), {
      onProgress: ({ done, total, step }) => {
        if (!started) {
          bar.start(total, 0, { step: "" });
          started = true;
        }
        // The total grows once the market history's steps are known.
        if (total !== bar.getTotal()) bar.setTotal(total);
        bar.update(done, { step });
      },
    });
    return created;
  } finally {
    if (started) bar.stop();
    await disconnectDb();
  }
}
