// What a transfer would do, shown to the person before any money moves: who receives it (their
// display name and kind), the amount, and the source account's balance afterwards. Reads only —
// nothing is posted and no idempotency key is claimed; `transfer()` re-checks everything when the
// person confirms. Same parsing, authorization and recipient lookup as `transfer()`.
import { db } from "../db/client";
import { AppError, fieldErrorsFromIssues } from "../errors/app-error";
import { formatMoney, parseAmount, toDecimalString } from "../money/amount";
import { parseAccountId, requireAccountAccess, type Actor } from "./account-access";
import { getBalance } from "./get-balance";
import { resolveRecipient } from "./resolve-recipient";
import { transferInputSchema } from "./transfer.schema";

export type RecipientKind = "person" | "company" | "system";

/** JSON-safe (amounts are strings of minor units), so it can travel to a client component. */
export interface TransferPreview {
  fromAccountId: string;
  fromAccountName: string;
  currency: string;
  /** The amount in minor units, and as a plain decimal that `transfer()` parses back exactly. */
  amount: string;
  amountDecimal: string;
  description: string;
  /** What the person typed, sent again on confirm. */
  to: string;
  recipient: {
    accountId: string;
    accountName: string;
    kind: RecipientKind;
    /** A person's name, or a company's name. */
    displayName: string;
    ticker: string | null;
  };
  balanceBefore: string;
  balanceAfter: string;
}

const previewInputSchema = transferInputSchema.pick({ fromAccountId: true, to: true, amount: true, description: true });

export interface PreviewTransferInput {
  fromAccountId: string;
  to: string;
  amount: string;
  description?: string;
  /** How the person writes numbers ("en-US": 1,000.00; "de-DE": 1.000,00). */
  locale?: string;
}

export async function previewTransfer(actor: Actor, input: PreviewTransferInput): Promise<TransferPreview> {
  const parsed = previewInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues);
    throw new AppError("invalid_input", Object.values(fieldErrors)[0] ?? "Invalid transfer.", { fieldErrors });
  }
  const { to, description } = parsed.data;
  const fromAccountId = parseAccountId(parsed.data.fromAccountId)!;
  const tx = db();

  const source = await requireAccountAccess(tx, actor, fromAccountId, "spend").catch((error: unknown) => {
    if (error instanceof AppError) throw new AppError(error.code, error.message, { fieldErrors: { fromAccountId: error.message } });
    throw error;
  });
  if (source.status !== "OPEN") {
    throw new AppError("account_closed", `Account #${source.id} is closed.`, { fieldErrors: { fromAccountId: `Account #${source.id} is closed.` } });
  }
  const amount = parseAmount(parsed.data.amount, source.currency, input.locale);
  const recipient = await resolveRecipient(tx, to, source.currency);
  if (recipient.accountId === source.id) {
    throw new AppError("invalid_input", "You can't transfer to the same account.", {
      fieldErrors: { to: "Choose a different account than the one you pay from." },
    });
  }
  const [account, balance] = await Promise.all([
    tx.account.findUniqueOrThrow({
      where: { id: recipient.accountId },
      select: { name: true, kind: true, user: { select: { name: true } }, company: { select: { name: true, ticker: true } } },
    }),
    getBalance(tx, source.id),
  ]);
  const before = balance?.balance ?? 0n;
  if (amount > before) {
    const message = `That's more than the ${formatMoney(before, source.currency)} in account #${source.id}.`;
    throw new AppError("insufficient_funds", message, { fieldErrors: { amount: message } });
  }
  const kind: RecipientKind = account.kind === "COMPANY" ? "company" : account.kind === "SYSTEM" ? "system" : "person";
  return {
    fromAccountId: String(source.id),
    fromAccountName: source.name,
    currency: source.currency,
    amount: String(amount),
    amountDecimal: toDecimalString(amount, source.currency),
    description,
    to,
    recipient: {
      accountId: String(recipient.accountId),
      accountName: account.name,
      kind,
      displayName: account.company?.name ?? account.user?.name ?? "System",
      ticker: account.company?.ticker ?? null,
    },
    balanceBefore: String(before),
    balanceAfter: String(before - amount),
  };
}
