// Whether `npm start` may put the demo data (users with the README's public passwords, among them an
// admin) into its database. Only the embedded database, which lives in this checkout's .data/ and is
// reachable on loopback only, gets it by default. Any other database gets it only when asked for
// explicitly with SEED_DEMO=1; a real deployment creates its admin with `npm run admin:create`.
// SEED_DEMO=0 keeps even the embedded database empty. (The caller still seeds only an empty database.)
export function shouldSeedDemo({ embedded, env }: { embedded: boolean; env: Record<string, string | undefined> }): boolean {
  const flag = env.SEED_DEMO?.trim().toLowerCase();
  if (flag === "1" || flag === "true") return true;
  if (flag === "0" || flag === "false") return false;
  return embedded;
}
