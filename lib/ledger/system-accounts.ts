// System accounts hold the other side of money entering or leaving the players' world. They are
// the only accounts allowed below zero; per currency, all balances sum to exactly zero.
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { currency as currencyOf } from "../money/currency";

export type SystemAccountRole = "mint" | "marketplace" | "tax";

const NAMES: Record<SystemAccountRole, string> = {
  mint: "Mint (opening deposits)",
  marketplace: "Marketplace",
  tax: "Tax authority",
};

export function systemKey(role: SystemAccountRole, currency: string): string {
  return `${role}:${currency}`;
}

/** Creates the system accounts (and their balance rows) that don't exist yet. Idempotent. */
export async function ensureSystemAccounts(tx: Tx, currencies: readonly string[], roles: readonly SystemAccountRole[] = ["mint"]): Promise<void> {
  for (const code of currencies) {
    const { code: currency } = currencyOf(code);
    for (const role of roles) {
      await tx.$executeRawUnsafe(
        `WITH a AS (
           INSERT INTO accounts (kind, name, currency, allow_negative, system_key, updated_at)
           VALUES ('SYSTEM', $1, $2, true, $3, now())
           ON CONFLICT (system_key) DO NOTHING
           RETURNING id, allow_negative)
         INSERT INTO balances (account_id, allow_negative) SELECT id, allow_negative FROM a`,
        `${NAMES[role]} ${currency}`,
        currency,
        systemKey(role, currency),
      );
    }
  }
}

export async function systemAccountId(tx: Tx, role: SystemAccountRole, currency: string): Promise<bigint> {
  const account = await tx.account.findUnique({ where: { systemKey: systemKey(role, currency) }, select: { id: true } });
  if (!account) {
    throw new AppError("not_found", `System account ${systemKey(role, currency)} is missing; run \`npm run db:seed\`.`);
  }
  return account.id;
}
