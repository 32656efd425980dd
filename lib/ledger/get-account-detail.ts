// An account and its balance for GET /api/v1/accounts/:id in ONE statement (requireAccountAccess +
// getBalance would take several). The access rule is requireAccountAccess's (accessibleAccount).
import type { Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { accessibleAccount, type AccessibleAccount, type AccountPurpose, type AccountRecord, type Actor } from "./account-access";
import type { AccountBalance } from "./get-balance";

type Row = Omit<AccountRecord, "id"> & { id: bigint; balance: bigint | null; version: bigint | null; lastUpdated: Date | null };

const DETAIL_SQL = `
SELECT a.id, a.kind::text AS kind, a.name, a.currency::text AS currency, a.status::text AS status, a.user_id AS "userId",
       a.company_id AS "companyId", c.name AS "companyName", c.ticker AS "companyTicker", (SELECT m.role::text FROM company_members m WHERE m.company_id = a.company_id AND m.user_id = $2) AS "companyRole",
       u.email AS "ownerEmail", b.balance, b.version, b.last_updated AS "lastUpdated"
  FROM accounts a
  LEFT JOIN users u ON u.id = a.user_id
  LEFT JOIN companies c ON c.id = a.company_id
  LEFT JOIN balances b ON b.account_id = a.id
 WHERE a.id = $1::bigint`;

export async function getAccountDetail(
  tx: Tx,
  actor: Actor,
  accountId: bigint,
  purpose: AccountPurpose,
): Promise<{ account: AccessibleAccount; balance: AccountBalance }> {
  const [row] = await tx.$queryRawUnsafe<Row[]>(DETAIL_SQL, String(accountId), actor.id);
  const { balance, version, lastUpdated, ...record } = row ?? ({} as Row);
  const account = accessibleAccount(actor, row ? record : null, purpose);
  if (balance === null || version === null || lastUpdated === null) throw new AppError("not_found", "Account not found.");
  return { account, balance: { accountId: account.id, balance, currency: account.currency, version, lastUpdated } };
}
