// A transfer between two accounts, as typed by a person or sent by an API client. The form action
// and POST /api/v1/transfers both call this; it parses, authorizes, resolves the recipient and
// posts one `transfer` entry, idempotently.
import { db } from "../db/client";
import { AppError, fieldErrorsFromIssues } from "../errors/app-error";
import { parseAmount, parseMinorUnits } from "../money/amount";
import { requireAccountAccess, parseAccountId, type Actor } from "./account-access";
import { withIdempotency } from "./idempotency";
import { postEntries } from "./post-entries";
import { resolveRecipient } from "./resolve-recipient";
import { transferInputSchema, type TransferInput } from "./transfer.schema";

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

export async function transfer(actor: Actor, input: TransferInput): Promise<{ result: TransferResult; replayed: boolean }> {
  const parsed = transferInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues);
    throw new AppError("invalid_input", Object.values(fieldErrors)[0] ?? "Invalid transfer.", { fieldErrors });
  }
  const { to, amount: amountText, description, idempotencyKey } = parsed.data;
  const fromAccountId = parseAccountId(parsed.data.fromAccountId)!;

  return db().$transaction(async (tx) => {
    const source = await requireAccountAccess(tx, actor, fromAccountId, "spend").catch((error: unknown) => {
      if (error instanceof AppError) {
        throw new AppError(error.code, error.message, { fieldErrors: { fromAccountId: error.message } });
      }
      throw error;
    });
    if (parsed.data.currency && parsed.data.currency !== source.currency) {
      const message = `Account #${source.id} holds ${source.currency}, not ${parsed.data.currency}.`;
      throw new AppError("currency_mismatch", message, { fieldErrors: { currency: message } });
    }
    const amount = parsed.data.amountUnit === "minor" ? parseMinorUnits(amountText) : parseAmount(amountText, source.currency);
    const recipient = await resolveRecipient(tx, to, source.currency);
    if (recipient.accountId === source.id) {
      throw new AppError("invalid_input", "You can't transfer to the same account.", {
        fieldErrors: { to: "Choose a different account than the one you pay from." },
      });
    }
    const request = {
      fromAccountId: String(source.id),
      toAccountId: String(recipient.accountId),
      amount: String(amount),
      currency: source.currency,
      description,
    };
    return withIdempotency(tx, `user:${actor.id}`, idempotencyKey, request, async () => {
      const [entry] = await postEntries(
        tx,
        [{ fromAccountId: source.id, toAccountId: recipient.accountId, amount, currency: source.currency, type: "transfer", description }],
        { idempotencyKey, createdByUserId: actor.id },
      );
      return {
        entryId: String(entry!.id),
        fromAccountId: String(source.id),
        toAccountId: String(recipient.accountId),
        recipient: recipient.label,
        amount: String(amount),
        currency: source.currency,
        description,
        fromBalanceAfter: String(entry!.fromBalanceAfter),
        createdAt: entry!.createdAt.toISOString(),
      } satisfies TransferResult;
    });
  });
}
