// Next.js calls register() once when a server process starts. In the Node.js runtime it starts the
// in-app job worker (lib/jobs), unless JOBS_IN_APP=0. Imported lazily so the Edge runtime and
// the build never load pg-boss.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { startInAppWorker } = await import("./lib/jobs/in-app-worker");
  await startInAppWorker();
}
