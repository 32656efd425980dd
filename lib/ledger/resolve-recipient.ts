// Finds the destination account for a transfer from what a person types: an email (that user's
// personal account), a company ticker (its operating account) or an account number ("#42" / "42").
// The account must hold the currency being sent.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { parseAccountId } from "./account-access";

export interface Recipient {
  accountId: bigint;
  label: string;
}

export async function resolveRecipient(tx: Tx, query: string, currency: string): Promise<Recipient> {
  const text = query.trim();
  const notFound = (message: string) => new AppError("not_found", message, { fieldErrors: { to: message } });

  if (text.includes("@")) {
    const email = text.toLowerCase();
    const account = await tx.account.findFirst({
      where: { kind: "PERSONAL", status: "OPEN", currency, user: { email } },
      orderBy: { id: "asc" },
      select: { id: true, user: { select: { name: true } } },
    });
    if (!account) throw notFound(`No ${currency} account belongs to ${email}.`);
    return { accountId: account.id, label: `${account.user!.name} (${email})` };
  }

  const accountId = parseAccountId(text);
  if (accountId !== null) {
    const account = await tx.account.findUnique({ where: { id: accountId }, select: { id: true, name: true, currency: true, kind: true, status: true } });
    if (!account || account.kind === "SYSTEM") throw notFound(`Account #${accountId} does not exist.`);
    if (account.status !== "OPEN") throw notFound(`Account #${accountId} is closed.`);
    if (account.currency !== currency) {
      throw new AppError("currency_mismatch", `Account #${accountId} holds ${account.currency}, not ${currency}.`, {
        fieldErrors: { to: `Account #${accountId} holds ${account.currency}, not ${currency}.` },
      });
    }
    return { accountId: account.id, label: `${account.name} (#${account.id})` };
  }

  const ticker = text.toUpperCase();
  if (/^[A-Z][A-Z0-9]{0,9}$/.test(ticker)) {
    const account = await tx.account.findFirst({
      where: { kind: "COMPANY", status: "OPEN", currency, company: { ticker } },
      orderBy: { id: "asc" },
      select: { id: true, company: { select: { name: true } } },
    });
    if (!account) throw notFound(`No company with ticker ${ticker} has a ${currency} account.`);
    return { accountId: account.id, label: `${account.company!.name} (${ticker})` };
  }

  throw notFound(`Nobody matches "${text}": enter an email, a company ticker or an account number.`);
}
