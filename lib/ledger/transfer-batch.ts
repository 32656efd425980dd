// Many transfers in one database statement: the SQL function ledger_transfer_batch
// (prisma/migrations/20261121140000_transfer_batch). It answers one outcome per transfer, in input
// order, each what ledger_transfer would answer for that transfer alone if the batch ran one transfer
// after another. ledger_transfer itself is a batch of one.
import type pg from "pg";
import type { Tx } from "../db/client";
import type { IdempotencyAnswer } from "./idempotency";
import type { PostingRefusal } from "./post-entries";
import type { RecipientRefusal } from "./resolve-recipient";

/** One parsed transfer, ready for the database. */
export interface TransferRequest {
  userId: string;
  idempotencyKey: string;
  requestHash: string;
  fromAccountId: bigint;
  /** The recipient as typed: an email, "#42", or a ticker. */
  to: string;
  /** Null when the amount could not be parsed (the database then answers a replay or "not found"). */
  amount: bigint | null;
  currency: string | null;
  description: string;
}

/** JSON-safe (amounts are strings of minor units), so it can be stored and replayed verbatim. */
export interface TransferResult {
  [key: string]: string;
  entryId: string;
  fromAccountId: string;
  toAccountId: string;
  recipient: string;
  amount: string;
  currency: string;
  description: string;
  /** The sender's balance right after the transfer. The recipient's is not disclosed. */
  fromBalanceAfter: string;
  createdAt: string;
}

export type TransferRefusal =
  | { reason: "source_not_found"; account_id: string }
  | { reason: "source_currency"; account_id: string; account_currency: string; currency: string }
  | { reason: "same_account"; account_id: string }
  | RecipientRefusal
  | PostingRefusal;

export type TransferOutcome =
  /** recipientKind: whom the money went to (not part of the stored answer; older databases leave it out). */
  | { status: "created"; result: TransferResult; recipientKind?: "person" | "company" }
  | IdempotencyAnswer<TransferResult>
  | ({ status: "refused" } & TransferRefusal);

const BATCH_SQL = `SELECT ledger_transfer_batch($1::text[], $2::text[], $3::text[], $4::bigint[], $5::text[], $6::bigint[], $7::text[], $8::text[]) AS outcomes`;

function batchParams(requests: readonly TransferRequest[]): unknown[] {
  return [
    requests.map((r) => r.userId),
    requests.map((r) => r.idempotencyKey),
    requests.map((r) => r.requestHash),
    requests.map((r) => String(r.fromAccountId)),
    requests.map((r) => r.to),
    requests.map((r) => (r.amount === null ? null : String(r.amount))),
    requests.map((r) => r.currency),
    requests.map((r) => r.description),
  ];
}

function checked(outcomes: TransferOutcome[], requests: readonly TransferRequest[]): TransferOutcome[] {
  if (outcomes.length !== requests.length) throw new Error(`ledger_transfer_batch answered ${outcomes.length} outcomes for ${requests.length} transfers`);
  return outcomes;
}

const ONE_SQL = `SELECT ledger_transfer($1, $2, $3, $4::bigint, $5, $6::bigint, $7, $8) AS outcome`;

/** One transfer, one ledger_transfer call (a batch of one), in the caller's transaction or autocommitted. */
export async function transferOne(tx: Tx, request: TransferRequest): Promise<TransferOutcome> {
  const params = batchParams([request]).map((column) => (column as unknown[])[0]);
  const [row] = await tx.$queryRawUnsafe<{ outcome: TransferOutcome }[]>(ONE_SQL, ...params);
  return row!.outcome;
}

/** Many transfers in one ledger_transfer_batch statement, autocommitted on a pg pool (the coalescing poster's path: no Prisma machinery per batch). */
export async function transferBatchOnPool(pool: Pick<pg.Pool, "query">, requests: readonly TransferRequest[]): Promise<TransferOutcome[]> {
  if (requests.length === 0) return [];
  const { rows } = await pool.query<{ outcomes: TransferOutcome[] }>(BATCH_SQL, batchParams(requests));
  return checked(rows[0]!.outcomes, requests);
}
