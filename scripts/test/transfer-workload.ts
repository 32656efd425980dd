// A randomized transfer workload for the coalescing poster, checked against the serial model of
// ledger-model.ts. Transfers go through `transfer()` (the API's path) from many concurrent loops, so
// they meet in batches; mixed in on purpose:
// - refusals: amounts above the balance, a source the sender does not own, an unknown recipient;
// - the same request sent twice at once (same key, normally the same batch): one effect + a replay;
// - a different request with an already used key in the same batch: a conflict (or, when the first
//   was refused, the second's own outcome);
// - a request retried after its answer (another batch): a replay.
// Afterwards every attempt's answer, the ledger and the keys table must agree with a serial replay.
import { db } from "../../lib/db/client";
import { InsufficientFundsError } from "../../lib/ledger/ledger-errors";
import { transfer, type TransferResult } from "../../lib/ledger/transfer";
import { AppError } from "../../lib/errors/app-error";
import { checkAgainstModel, type CommittedEntry, type ModelAccount, type Posting, type PostingOutcome } from "./ledger-model";
import type { Random } from "./seeded-random";
import type { TestUser } from "./ledger-fixtures";

export interface PlannedTransfer {
  sender: TestUser;
  fromAccountId: bigint;
  to: string;
  /** The destination account when `to` names one of ours. */
  toAccountId: bigint | null;
  amount: bigint;
  key: string;
  /** Also send it again at the same moment (same key): "same", or a different amount: "conflict". */
  twin: "none" | "same" | "conflict";
  /** Send it again once answered. */
  retry: boolean;
}

export type AttemptAnswer =
  | { kind: "created" | "replayed"; result: TransferResult }
  | { kind: "insufficient_funds"; accountId: bigint; available: bigint; needed: bigint }
  | { kind: "refused"; code: string }
  | { kind: "conflict" }
  | { kind: "error"; error: unknown };

export interface Attempt {
  plan: PlannedTransfer;
  amount: bigint;
  answer: AttemptAnswer;
}

export function planTransfers(random: Random, users: readonly TestUser[], hot: readonly TestUser[], count: number): PlannedTransfer[] {
  const pick = () => (random.chance(0.5) ? random.pick(hot) : random.pick(users));
  return Array.from({ length: count }, (_, i) => {
    const sender = pick();
    let recipient = pick();
    while (recipient.accountId === sender.accountId) recipient = pick();
    const roll = random.next();
    // 3% spend from someone else's account, 2% name nobody: refusals before any lock.
    const foreign = roll < 0.03;
    const nobody = roll >= 0.03 && roll < 0.05;
    const source = foreign ? recipient : sender;
    return {
      sender,
      fromAccountId: source.accountId,
      to: nobody ? "#999999999999" : `#${(foreign ? sender : recipient).accountId}`,
      toAccountId: nobody ? null : (foreign ? sender : recipient).accountId,
      amount: BigInt(random.int(1, 4000)),
      key: `wl-${i}-${random.int(0, 1e9)}`,
      twin: random.chance(0.06) ? "same" : random.chance(0.03) ? "conflict" : "none",
      retry: random.chance(0.05),
    };
  });
}

async function send(plan: PlannedTransfer, amount: bigint): Promise<Attempt> {
  try {
    const { result, replayed } = await transfer(plan.sender, {
      fromAccountId: String(plan.fromAccountId),
      to: plan.to,
      amount: String(amount),
      amountUnit: "minor",
      idempotencyKey: plan.key,
    });
    return { plan, amount, answer: { kind: replayed ? "replayed" : "created", result } };
  } catch (error) {
    if (error instanceof InsufficientFundsError) {
      return { plan, amount, answer: { kind: "insufficient_funds", accountId: error.accountId, available: error.available, needed: error.needed } };
    }
    if (error instanceof AppError && error.code === "idempotency_conflict") return { plan, amount, answer: { kind: "conflict" } };
    if (error instanceof AppError && error.code === "not_found") return { plan, amount, answer: { kind: "refused", code: error.code } };
    return { plan, amount, answer: { kind: "error", error } };
  }
}

/** Runs the plan from `loops` concurrent loops; returns every attempt and the most loops seen sending at once. */
export async function runTransfers(plans: readonly PlannedTransfer[], loops: number): Promise<{ attempts: Attempt[]; mostConcurrent: number }> {
  const attempts: Attempt[] = [];
  let next = 0;
  let sending = 0;
  let mostConcurrent = 0;
  await Promise.all(
    Array.from({ length: loops }, async () => {
      for (let i = next++; i < plans.length; i = next++) {
        const plan = plans[i]!;
        sending++;
        mostConcurrent = Math.max(mostConcurrent, sending);
        // Both sends start in the same turn of the event loop, so they normally share a batch.
        const twins = [send(plan, plan.amount)];
        if (plan.twin !== "none") twins.push(send(plan, plan.twin === "same" ? plan.amount : plan.amount + 1n));
        attempts.push(...(await Promise.all(twins)));
        if (plan.retry) attempts.push(await send(plan, plan.amount));
        sending--;
      }
    }),
  );
  return { attempts, mostConcurrent };
}

/** Every entry written after `afterId`, ascending, with the key it was posted under. */
export async function committedSince(afterId: bigint): Promise<(CommittedEntry & { idempotencyKey: string | null })[]> {
  return db().ledgerEntry.findMany({
    where: { id: { gt: afterId } },
    orderBy: { id: "asc" },
    select: { id: true, fromAccountId: true, toAccountId: true, amount: true, fromBalanceAfter: true, toBalanceAfter: true, idempotencyKey: true },
  });
}

/**
 * Checks the attempts against the ledger and a serial replay. Each created answer is one posting of
 * the model; refusals for funds are model refusals; replays must repeat their key's created answer
 * byte for byte; conflicts need a created answer for another request under the key; other refusals
 * must have written nothing (the model demands an acknowledgement for every committed entry).
 */
export async function checkTransfers(input: {
  accounts: readonly ModelAccount[];
  initial: ReadonlyMap<bigint, bigint>;
  attempts: readonly Attempt[];
  committed: readonly (CommittedEntry & { idempotencyKey: string | null })[];
  finalBalances: ReadonlyMap<bigint, bigint>;
}): Promise<{ problems: string[]; created: number; replayed: number; conflicts: number; refused: number; insufficient: number }> {
  const problems: string[] = [];
  const postings: Posting[] = [];
  const outcomes: PostingOutcome[] = [];
  const created = new Map<string, Attempt & { answer: { kind: "created" } }>();
  const byId = new Map(input.committed.map((e) => [e.id, e]));
  const counts = { created: 0, replayed: 0, conflicts: 0, refused: 0, insufficient: 0 };

  for (const a of input.attempts) {
    const entry = { fromAccountId: a.plan.fromAccountId, toAccountId: a.plan.toAccountId ?? 0n, amount: a.amount };
    if (a.answer.kind === "created") {
      counts.created++;
      if (created.has(a.plan.key)) problems.push(`key ${a.plan.key} created twice`);
      created.set(a.plan.key, a as Attempt & { answer: { kind: "created" } });
      const id = BigInt(a.answer.result.entryId);
      postings.push({ entries: [entry] });
      outcomes.push({ kind: "posted", entryIds: [id] });
      const row = byId.get(id);
      if (row && (String(row.fromBalanceAfter) !== a.answer.result.fromBalanceAfter || row.idempotencyKey !== a.plan.key || row.amount !== a.amount)) {
        problems.push(`entry #${id}: answered ${JSON.stringify(a.answer.result)}, ledger has ${row.fromBalanceAfter} under key ${row.idempotencyKey}`);
      }
    } else if (a.answer.kind === "insufficient_funds") {
      counts.insufficient++;
      postings.push({ entries: [entry] });
      outcomes.push(a.answer);
    } else if (a.answer.kind === "error") {
      problems.push(`key ${a.plan.key}: unexpected error ${String(a.answer.error)}`);
    } else if (a.answer.kind === "refused") {
      counts.refused++;
    }
  }
  for (const a of input.attempts) {
    const original = created.get(a.plan.key);
    if (a.answer.kind === "replayed") {
      counts.replayed++;
      if (!original || JSON.stringify(original.answer.result) !== JSON.stringify(a.answer.result) || original.amount !== a.amount) {
        problems.push(`key ${a.plan.key}: replay ${JSON.stringify(a.answer.result)} does not repeat a created answer for the same request`);
      }
    } else if (a.answer.kind === "conflict") {
      counts.conflicts++;
      if (!original || original.amount === a.amount) problems.push(`key ${a.plan.key}: conflict without a different created request`);
    }
  }

  const model = checkAgainstModel({ accounts: input.accounts, initial: input.initial, postings, outcomes, committed: input.committed, finalBalances: input.finalBalances });
  problems.push(...model.problems);

  // The keys table: a created key keeps its answer; a key nothing was created under is gone.
  const keys = [...new Set(input.attempts.map((a) => a.plan.key))];
  const rows = await db().idempotencyKey.findMany({ where: { operation: "transfer", key: { in: keys } }, select: { key: true, response: true } });
  const stored = new Map(rows.map((r) => [r.key, r.response]));
  for (const key of keys) {
    const original = created.get(key);
    if (original && JSON.stringify(stored.get(key)) !== JSON.stringify(original.answer.result)) problems.push(`key ${key}: stored answer differs from the created one`);
    if (!original && stored.has(key)) problems.push(`key ${key}: claim left behind although nothing was created`);
  }
  return { problems: problems.slice(0, 30), ...counts };
}
