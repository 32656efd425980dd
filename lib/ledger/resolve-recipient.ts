// Finds the destination account for a transfer from what a person types: an email (that user's
// personal account), a company ticker (its operating account) or an account number ("#42" / "42").
// The account must hold the currency being sent. The rule is the database function
// ledger_resolve_recipient, which ledger_transfer uses too; this file only maps its answer.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";

export interface Recipient {
  accountId: bigint;
  /** "Bob Example (bob@example.com)", "Acme (ACME)", "Personal USD (#42)". */
  label: string;
  kind: "person" | "company";
  /** The person's or the company's name. */
  name: string;
  ticker: string | null;
}

/** Why ledger_resolve_recipient (or ledger_transfer) found no recipient. */
export type RecipientRefusal =
  | { reason: "recipient_not_found"; by: "email"; email: string; currency: string }
  | { reason: "recipient_not_found"; by: "account"; account_id: string }
  | { reason: "recipient_not_found"; by: "ticker"; ticker: string; currency: string }
  | { reason: "recipient_not_found"; by: "text"; text: string }
  | { reason: "recipient_closed"; account_id: string }
  | { reason: "recipient_currency"; account_id: string; account_currency: string; currency: string };

type ResolveAnswer =
  | { ok: true; account_id: string; kind: "person" | "company"; name: string; ticker?: string | null; label: string }
  | ({ ok: false } & RecipientRefusal);

export function recipientError(refusal: RecipientRefusal): AppError {
  const fail = (code: "not_found" | "currency_mismatch", message: string) => new AppError(code, message, { fieldErrors: { to: message } });
  switch (refusal.reason) {
    case "recipient_closed":
      return fail("not_found", `Account #${refusal.account_id} is closed.`);
    case "recipient_currency":
      return fail("currency_mismatch", `Account #${refusal.account_id} holds ${refusal.account_currency}, not ${refusal.currency}.`);
    case "recipient_not_found":
      switch (refusal.by) {
        case "email":
          return fail("not_found", `No ${refusal.currency} account belongs to ${refusal.email}.`);
        case "account":
          return fail("not_found", `Account #${refusal.account_id} does not exist.`);
        case "ticker":
          return fail("not_found", `No company with ticker ${refusal.ticker} has a ${refusal.currency} account.`);
        case "text":
          return fail("not_found", `Nobody matches "${refusal.text}": enter an email, a company ticker or an account number.`);
      }
  }
}

export async function resolveRecipient(tx: Tx, query: string, currency: string): Promise<Recipient> {
  const [row] = await tx.$queryRawUnsafe<{ answer: ResolveAnswer }[]>(`SELECT ledger_resolve_recipient($1, $2) AS answer`, query, currency);
  const answer = row!.answer;
  if (!answer.ok) throw recipientError(answer);
  return { accountId: BigInt(answer.account_id), label: answer.label, kind: answer.kind, name: answer.name, ticker: answer.ticker ?? null };
}
