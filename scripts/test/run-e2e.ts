// `npm run test:e2e [-- playwright args]`: Playwright against a production build on a fresh database.
// DATABASE_URL_TEST names a local server to create the database on; without it a throwaway cluster
// is started and removed afterwards.
import { startPgCluster, type PgCluster } from "../lib/pg-cluster";
import { runE2e } from "./e2e-session";
import { ensureTestPrerequisites, PrerequisiteError } from "./prerequisites";

let cluster: PgCluster | undefined;
let code = 1;
try {
  ensureTestPrerequisites({ needServerBinaries: !process.env.DATABASE_URL_TEST, log: (line) => console.log(`[e2e] ${line}`) });
  let serverUrl = process.env.DATABASE_URL_TEST;
  if (!serverUrl) {
    cluster = await startPgCluster({ log: (line) => console.log(`[e2e] ${line}`) });
    serverUrl = cluster.url("postgres");
  }
  code = await runE2e({ serverUrl, playwrightArgs: process.argv.slice(2) });
} catch (error) {
  console.error(error instanceof PrerequisiteError ? error.message : error);
} finally {
  cluster?.stop();
}
process.exit(code);
