// `npm run worker`: the job worker as its own process (alongside or instead of the in-app one; run
// the app with JOBS_IN_APP=0 to leave all jobs to this process). Needs DATABASE_URL.
import { db, disconnectDb } from "../lib/db/client";
import { startWorker } from "../lib/jobs/worker";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set: point it at the app's database (npm start prints it for the embedded one).");
  process.exit(1);
}
const worker = await startWorker({ connectionString: url, prisma: db() });
const stop = async (signal: string) => {
  console.log(`[jobs] ${signal}: stopping`);
  await worker.stop();
  await disconnectDb();
  process.exit(0);
};
process.on("SIGINT", () => void stop("SIGINT"));
process.on("SIGTERM", () => void stop("SIGTERM"));
