// A transfer between two accounts, as typed by a person or sent by an API client. The form action
// and POST /api/v1/transfers both call this. Parsing happens here; everything else — the idempotency
// answer, authorization, the recipient, the key claim, the posting and the stored answer — is ONE call
// of the database function ledger_transfer, in the money lock order, so an API transfer costs one
// round trip after authentication and is safe in autocommit. ledger_transfer is a batch of one of
// ledger_transfer_batch, which the coalescing poster (coalescing-poster.ts) uses to send concurrent
// autocommitted transfers as one statement.
//
// Without `tx` the transfer is autocommitted. Pass a transaction client to transfer as part of a
// larger operation: the function then runs inside that transaction and commits with it.
import { db, type Tx } from "../db/client";
import { AppError, fieldErrorsFromIssues } from "../errors/app-error";
import { parseAmount, parseMinorUnits } from "../money/amount";
import { parseAccountId, type Actor } from "./account-access";
import { answeredResult, requestHash, type IdempotentResult } from "./idempotency";
import { coalescingEnabled, transferCoalescer } from "./coalescing-poster";
import { refusalError } from "./post-entries";
import { recipientError } from "./resolve-recipient";
import { transferOne, type TransferRefusal, type TransferRequest, type TransferResult } from "./transfer-batch";
import { transferInputSchema, type TransferInput } from "./transfer.schema";

export type { TransferResult } from "./transfer-batch";

/**
 * Without `tx`, the transfer is autocommitted and goes through the coalescing poster (batched with
 * concurrent transfers into one statement), unless LEDGER_COALESCE=0. With `tx`, it runs inside that
 * transaction as one ledger_transfer call of its own.
 */
/**
 * `toCompany` (first execution only): the money went to a company account, so it may now qualify
 * to go public (lib/companies/going-public.ts) — false for a person, so a transfer between people
 * costs no further statement. When the database does not say, it is true (check rather than miss).
 */
export async function transfer(actor: Actor, input: TransferInput, tx?: Tx): Promise<IdempotentResult<TransferResult> & { toCompany?: boolean }> {
  const parsed = transferInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues);
    throw new AppError("invalid_input", Object.values(fieldErrors)[0] ?? "Invalid transfer.", { fieldErrors });
  }
  const { to, amount: amountText, amountUnit, description, idempotencyKey } = parsed.data;
  const fromAccountId = parseAccountId(parsed.data.fromAccountId)!;
  const currency = parsed.data.currency ?? null;

  // API clients send minor units: no lookup needed. An amount typed by a person is parsed in the
  // source account's currency, which only its owner may learn; for anyone else the amount stays
  // unknown and ledger_transfer answers (a replay of this key, or "not found").
  let amount: bigint | null;
  if (amountUnit === "minor") {
    amount = parseMinorUnits(amountText);
  } else {
    const [source] = await (tx ?? db()).$queryRawUnsafe<{ currency: string }[]>(
      `SELECT currency::text AS currency FROM accounts WHERE id = $1::bigint AND ledger_can_spend($2, id)`,
      String(fromAccountId),
      actor.id,
    );
    amount = source ? parseAmount(amountText, source.currency) : null;
  }

  // The request as sent (the recipient as typed, the amount as written), so a retry matches it even if
  // the recipient's account or the world changed since.
  const hash = requestHash({ fromAccountId: String(fromAccountId), to, amount: canonicalAmount(amountText), amountUnit, currency, description });
  const request: TransferRequest = {
    userId: actor.id,
    idempotencyKey,
    requestHash: hash,
    fromAccountId,
    to,
    amount,
    currency,
    description,
  };
  const outcome =
    tx === undefined && coalescingEnabled() ? await transferCoalescer().submit(request) : await transferOne(tx ?? db(), request);
  if (outcome.status === "created") return { result: outcome.result, replayed: false, toCompany: outcome.recipientKind !== "person" };
  if (outcome.status !== "refused") return answeredResult(outcome);
  throw transferError(outcome);
}

/**
 * The amount as written, without the differences that cannot change its value ("10.00" = "10"), and
 * without knowing the currency, so a request hashes the same whoever asks.
 */
export function canonicalAmount(text: string): string {
  const trimmed = text.trim();
  const match = /^0*(\d*?)(?:\.(\d*?))?0*$/.exec(trimmed.includes(".") ? trimmed : `${trimmed}.`);
  if (!match || !/^\d*\.?\d*$/.test(trimmed) || trimmed === "" || trimmed === ".") return trimmed;
  const whole = match[1] || "0";
  const fraction = match[2] ?? "";
  return fraction ? `${whole}.${fraction}` : whole;
}

/** The refusal as a person or API client sees it, attached to the form field they can fix. */
function transferError(refusal: TransferRefusal): AppError {
  // An error that already names its field (InsufficientFundsError, with its facts) is kept as it is.
  const onField = (field: string, error: AppError) => (error.fieldErrors ? error : new AppError(error.code, error.message, { fieldErrors: { [field]: error.message } }));
  switch (refusal.reason) {
    case "source_not_found":
      return onField("fromAccountId", new AppError("not_found", "Account not found."));
    case "source_currency": {
      const message = `Account #${refusal.account_id} holds ${refusal.account_currency}, not ${refusal.currency}.`;
      return onField("currency", new AppError("currency_mismatch", message));
    }
    case "same_account":
      return new AppError("invalid_input", "You can't transfer to the same account.", {
        fieldErrors: { to: "Choose a different account than the one you pay from." },
      });
    case "recipient_not_found":
    case "recipient_closed":
    case "recipient_currency":
      return recipientError(refusal);
    case "account_closed":
      return onField("fromAccountId", refusalError(refusal));
    default:
      return onField("amount", refusalError(refusal));
  }
}
