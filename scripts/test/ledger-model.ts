// Model-based checking of the posting engine (TigerBeetle's VOPR idea at our scale): run a random
// workload concurrently against PostgreSQL, then replay the committed entries serially, in id order,
// in a tiny in-memory model, and demand the same balances, balance-after chain and refusals.
import type { Random } from "./seeded-random";

export interface ModelAccount {
  id: bigint;
  allowNegative: boolean;
}

export interface ModelEntry {
  fromAccountId: bigint;
  toAccountId: bigint;
  amount: bigint;
}

export interface CommittedEntry extends ModelEntry {
  id: bigint;
  fromBalanceAfter: bigint;
  toBalanceAfter: bigint;
}

export type PostingOutcome =
  | { kind: "posted"; entryIds: bigint[] }
  | { kind: "insufficient_funds"; accountId: bigint; available: bigint; needed: bigint }
  | { kind: "error"; error: unknown };

export interface Posting {
  entries: ModelEntry[];
}

/** 1–5 entries each; amounts often above what the source holds; a few hot accounts take most traffic. */
export function generatePostings(random: Random, accounts: readonly ModelAccount[], hot: readonly ModelAccount[], count: number): Posting[] {
  const pickAccount = () => (random.chance(0.5) ? random.pick(hot) : random.pick(accounts));
  return Array.from({ length: count }, () => {
    const entries: ModelEntry[] = [];
    const size = random.int(1, 5);
    while (entries.length < size) {
      const from = pickAccount();
      const to = pickAccount();
      if (from.id === to.id) continue;
      entries.push({ fromAccountId: from.id, toAccountId: to.id, amount: BigInt(random.int(1, 4000)) });
    }
    return { entries };
  });
}

export interface ModelReport {
  problems: string[];
  posted: number;
  refused: number;
  entries: number;
}

/**
 * Replays `committed` (every entry written since `initial` was read, ascending id) and checks:
 * - exactly the acknowledged postings' entries were committed, each once; refused ones wrote nothing;
 * - every entry's balance-after values equal the serial replay, and no account that may not go
 *   negative ever does;
 * - the final balances equal `finalBalances`;
 * - every refusal names a balance the account really had in the serial history, and the posting
 *   really could not be applied from it at that step.
 */
export function checkAgainstModel(input: {
  accounts: readonly ModelAccount[];
  initial: ReadonlyMap<bigint, bigint>;
  postings: readonly Posting[];
  outcomes: readonly PostingOutcome[];
  committed: readonly CommittedEntry[];
  finalBalances: ReadonlyMap<bigint, bigint>;
}): ModelReport {
  const problems: string[] = [];
  const report = (message: string) => problems.length < 20 && problems.push(message);
  const allowNegative = new Map(input.accounts.map((a) => [a.id, a.allowNegative]));
  const balances = new Map(input.initial);
  const history = new Map([...input.initial].map(([id, b]) => [id, new Set([b])]));

  for (const e of input.committed) {
    const from = balances.get(e.fromAccountId)! - e.amount;
    const to = balances.get(e.toAccountId)! + e.amount;
    balances.set(e.fromAccountId, from);
    balances.set(e.toAccountId, to);
    history.get(e.fromAccountId)!.add(from);
    history.get(e.toAccountId)!.add(to);
    if (from !== e.fromBalanceAfter || to !== e.toBalanceAfter) {
      report(`entry #${e.id}: stored after-balances ${e.fromBalanceAfter}/${e.toBalanceAfter}, serial replay ${from}/${to}`);
    }
    if (from < 0n && !allowNegative.get(e.fromAccountId)) report(`entry #${e.id} overdraws account #${e.fromAccountId} to ${from}`);
  }
  for (const [id, expected] of balances) {
    const actual = input.finalBalances.get(id);
    if (actual !== expected) report(`account #${id}: balances row ${actual}, serial replay ${expected}`);
  }

  const committedIds = new Set(input.committed.map((e) => e.id));
  const acknowledged = new Set<bigint>();
  let posted = 0;
  let refused = 0;
  input.outcomes.forEach((outcome, i) => {
    const posting = input.postings[i]!;
    if (outcome.kind === "error") {
      report(`posting ${i} failed unexpectedly: ${String(outcome.error)}`);
    } else if (outcome.kind === "posted") {
      posted++;
      if (outcome.entryIds.length !== posting.entries.length) report(`posting ${i}: ${outcome.entryIds.length} ids for ${posting.entries.length} entries`);
      for (const id of outcome.entryIds) {
        if (!committedIds.has(id)) report(`posting ${i}: acknowledged entry #${id} is not in the ledger`);
        if (acknowledged.has(id)) report(`entry #${id} acknowledged twice`);
        acknowledged.add(id);
      }
    } else {
      refused++;
      checkRefusal(i, posting, outcome, history, report);
    }
  });
  for (const id of committedIds) if (!acknowledged.has(id)) report(`entry #${id} is in the ledger but no posting was acknowledged for it`);
  return { problems, posted, refused, entries: input.committed.length };
}

function checkRefusal(
  index: number,
  posting: Posting,
  refusal: Extract<PostingOutcome, { kind: "insufficient_funds" }>,
  history: ReadonlyMap<bigint, Set<bigint>>,
  report: (message: string) => void,
): void {
  // The refused account's balance before the posting: undo the legs on it before the failing step.
  // Legs on other accounts cannot change it, so this is exact.
  const step = posting.entries.findIndex((e, s) => {
    if (e.fromAccountId !== refusal.accountId || e.amount !== refusal.needed) return false;
    let before = refusal.available;
    for (const prior of posting.entries.slice(0, s)) {
      if (prior.toAccountId === refusal.accountId) before -= prior.amount;
      if (prior.fromAccountId === refusal.accountId) before += prior.amount;
    }
    return history.get(refusal.accountId)?.has(before) ?? false;
  });
  if (step < 0) {
    report(`posting ${index}: refused with account #${refusal.accountId} at ${refusal.available}, a balance it never had before such a step`);
  } else if (refusal.available >= refusal.needed) {
    report(`posting ${index}: refused although ${refusal.available} covers ${refusal.needed}`);
  }
}
