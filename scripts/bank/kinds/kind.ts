// An operation kind of the bank test: one file per kind in this folder, listed in index.ts. A kind
// runs one logical operation for one client (with its retries), records it in the history and reports
// any violation it can see from the outside.
import type { Random } from "../../test/seeded-random";
import type { Balancer, CookieJar } from "../http";
import type { History } from "../history";
import type { BankAdmin, BankSeller, BankUser } from "../world";

export interface ClientContext {
  index: number;
  user: BankUser;
  users: readonly BankUser[];
  random: Random;
  balancer: Balancer;
  history: History;
  /** Retries stop here (the run's end plus a grace period). */
  giveUpAt: number;
  cookies: CookieJar;
  /** The world's sellers and their products (checkouts). */
  sellers: readonly BankSeller[];
  /** The world's listed company (stock trades). */
  listedTicker: string;
  /** The world's administrator (marketplace runs through /admin/market). */
  admin: BankAdmin;
  /** A fresh idempotency key, unique in the run. */
  newKey(): string;
  /** Per account: the newest entry id and balance version this client has seen (reads never go back). */
  seen: Map<string, { newestEntryId: bigint; version: bigint }>;
  /** This client's acknowledged entries not yet seen in a read of its own account: read-your-writes. */
  ownAcked: bigint;
}

export interface OperationKind {
  name: string;
  /** Relative frequency. */
  weight: number;
  run(context: ClientContext): Promise<void>;
}
