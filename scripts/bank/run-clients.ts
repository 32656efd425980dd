// N clients, each a player with its own API token, session cookie and seeded random stream, running
// operation kinds (weighted) back to back until the run's end. Counts operations in flight, so the
// report proves they overlapped.
import { randomUUID } from "node:crypto";
import { seededRandom } from "../test/seeded-random";
import { CookieJar, type Balancer } from "./http";
import type { History } from "./history";
import type { ClientContext, OperationKind } from "./kinds/kind";
import type { BankAdmin, BankSeller, BankUser } from "./world";

export async function runClients(options: {
  users: BankUser[];
  listedTicker: string;
  sellers: BankSeller[];
  admin: BankAdmin;
  kinds: readonly OperationKind[];
  balancer: Balancer;
  history: History;
  seed: number;
  /** Clients start no new operation once this says so. */
  done: () => boolean;
  giveUpAt: number;
}): Promise<{ maxInFlight: number }> {
  const { kinds } = options;
  const totalWeight = kinds.reduce((s, k) => s + k.weight, 0);
  let inFlight = 0;
  let maxInFlight = 0;
  const runId = randomUUID().slice(0, 8);
  await Promise.all(
    options.users.map(async (user, index) => {
      const random = seededRandom(options.seed + index * 7919);
      let counter = 0;
      const context: ClientContext = {
        index,
        user,
        users: options.users,
        random,
        balancer: options.balancer,
        history: options.history,
        giveUpAt: options.giveUpAt,
        cookies: new CookieJar(),
        listedTicker: options.listedTicker,
        sellers: options.sellers,
        admin: options.admin,
        newKey: () => `${runId}-c${index}-${++counter}`,
        seen: new Map(),
        ownAcked: 0n,
      };
      while (!options.done()) {
        let roll = random.next() * totalWeight;
        const kind = kinds.find((k) => (roll -= k.weight) < 0) ?? kinds[0]!;
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        try {
          await kind.run(context);
        } catch (error) {
          options.history.violation(`${kind.name}: client ${index} crashed: ${(error as Error).stack ?? error}`);
        } finally {
          inFlight--;
        }
      }
    }),
  );
  return { maxInFlight };
}
