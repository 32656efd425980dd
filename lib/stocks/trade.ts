// Buying and selling shares. Cash moves through postEntries (one entry: trader → company for a buy,
// company → trader for a sell); shares move in stock_positions; both settle in ONE transaction.
//
// Lock order (the same for every trade, and compatible with marketplace runs and transfers):
//   1. the idempotency claim (idempotency_keys, scope trade:user:<id>) — a duplicate waits here;
//   2. business rows: the company row FOR UPDATE (serializes trades on one ticker: the price is a
//      read-modify-write), then the trader's position row FOR UPDATE;
//   3. exactly one posting: postEntries locks the two balance rows in ascending account id;
//   4. counters last: position quantity/cost basis, the immutable trade row, the company's price and
//      the StockPrice record (the company row is already held).
// Marketplace runs also lock company rows before balances; transfers lock only balances. So no two
// paths ever wait for each other in opposite orders.
import type { Db, Tx } from "../db/client";
import { AppError, fieldErrorsFromIssues } from "../errors/app-error";
import { parseAccountId, requireAccountAccess, type Actor } from "../ledger/account-access";
import { withIdempotency } from "../ledger/idempotency";
import { InsufficientFundsError } from "../ledger/ledger-errors";
import { postEntries } from "../ledger/post-entries";
import { marketConfig } from "../market/config";
import { formatMoney } from "../money/amount";
import { assertCanSell, assertQuantityAllowed, assertWithinOwnershipLimit } from "./ownership";
import { costBasisReleased, priceAfterTrade } from "./pricing";
import { tradeInputSchema, type TradeInput } from "./trade.schema";

/** JSON-safe (amounts as strings of minor units) so it can be stored and replayed verbatim. */
export interface TradeResult {
  [key: string]: string;
  tradeId: string;
  ticker: string;
  side: string;
  quantity: string;
  priceMinor: string;
  totalMinor: string;
  priceAfterMinor: string;
  currency: string;
  accountId: string;
  accountBalanceAfter: string;
  holding: string;
  createdAt: string;
}

interface LockedCompany {
  id: string;
  ticker: string;
  name: string;
  is_public: boolean;
  share_price_minor: bigint | null;
  total_shares: bigint;
  operating_account_id: bigint | null;
}

export async function trade(prisma: Db, actor: Actor, input: TradeInput, options: { now?: Date } = {}): Promise<{ result: TradeResult; replayed: boolean }> {
  const parsed = tradeInputSchema.safeParse(input);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues);
    throw new AppError("invalid_input", Object.values(fieldErrors)[0] ?? "Invalid trade.", { fieldErrors });
  }
  const { ticker, side, idempotencyKey } = parsed.data;
  const config = marketConfig();
  const quantity = BigInt(parsed.data.quantity);
  assertQuantityAllowed(quantity, config.maxSharesPerTrade);

  return prisma.$transaction(async (tx) => {
    if (options.now) await tx.$executeRawUnsafe(`SELECT set_config('countinghouse.backdate_to', $1, true)`, options.now.toISOString());
    // The request as sent: a retry is answered from the stored result before anything is checked
    // again (access, ownership and prices may have changed since).
    const request = { ticker, side, quantity: String(quantity), accountId: parsed.data.accountId ?? null };
    return withIdempotency(tx, { operation: "trade", scope: `user:${actor.id}` }, idempotencyKey, request, async () => {
      const account = await traderAccount(tx, actor, parsed.data.accountId, config.currency);
      // Read before any lock: membership changes are rare and an owner is refused either way.
      const owner = await tx.companyMember.findFirst({ where: { company: { ticker }, userId: actor.id, role: "owner" }, select: { role: true } });
      if (owner) throw new AppError("forbidden", `Owners may not trade shares of their own company (${ticker}).`);
      // 2. business rows
      const [company] = await tx.$queryRawUnsafe<LockedCompany[]>(
        `SELECT id, ticker, name, is_public, share_price_minor, total_shares, operating_account_id FROM companies WHERE ticker = $1 FOR UPDATE`,
        ticker,
      );
      if (!company) throw new AppError("not_found", `No company has the ticker ${ticker}.`, { fieldErrors: { ticker: `No company has the ticker ${ticker}.` } });
      if (!company.is_public || company.share_price_minor === null || company.operating_account_id === null) {
        throw new AppError("invalid_input", `${company.name} is not listed; its shares do not trade yet.`, { fieldErrors: { ticker: `${ticker} is not listed.` } });
      }
      // The position row, created if missing and locked, in one statement (DO UPDATE locks it).
      const [position] = await tx.$queryRawUnsafe<{ quantity: bigint; cost_basis_minor: bigint }[]>(
        `INSERT INTO stock_positions (user_id, company_id) VALUES ($1, $2)
         ON CONFLICT (user_id, company_id) DO UPDATE SET user_id = EXCLUDED.user_id
         RETURNING quantity, cost_basis_minor`,
        actor.id,
        company.id,
      );
      const held = BigInt(position!.quantity);
      const basis = BigInt(position!.cost_basis_minor);
      const shares = BigInt(company.total_shares);
      const price = BigInt(company.share_price_minor);
      const companyAccount = BigInt(company.operating_account_id);
      if (side === "buy") assertWithinOwnershipLimit(held, quantity, shares);
      else assertCanSell(held, quantity);
      const total = quantity * price;
      const priceAfter = priceAfterTrade(side, price, quantity, shares, config.impactBasisPoints, config.minSharePriceMinor);

      // 3. exactly one posting
      const description = `${side === "buy" ? "Bought" : "Sold"} ${quantity} ${ticker} at ${formatMoney(price, config.currency)}`;
      const entry = await postEntries(
        tx,
        [
          side === "buy"
            ? { fromAccountId: account.id, toAccountId: companyAccount, amount: total, currency: config.currency, type: "stock_purchase", companyId: company.id, description }
            : { fromAccountId: companyAccount, toAccountId: account.id, amount: total, currency: config.currency, type: "stock_sale", companyId: company.id, description },
        ],
        { idempotencyKey, createdByUserId: actor.id },
      )
        .then((posted) => posted[0]!)
        .catch((error: unknown) => {
          if (error instanceof InsufficientFundsError && error.accountId === companyAccount) {
            const message = `${company.name} cannot pay for this sale: it has ${formatMoney(error.available, config.currency)} and the sale is ${formatMoney(total, config.currency)}. Nothing was sold.`;
            throw new AppError("insufficient_funds", message, { fieldErrors: { quantity: message } });
          }
          if (error instanceof InsufficientFundsError) {
            const message = `Insufficient funds: ${quantity} shares cost ${formatMoney(total, config.currency)} and your account has ${formatMoney(error.available, config.currency)}.`;
            throw new AppError("insufficient_funds", message, { fieldErrors: { quantity: message } });
          }
          throw error;
        });

      // 4. counters last
      const newHeld = side === "buy" ? held + quantity : held - quantity;
      const newBasis = side === "buy" ? basis + total : basis - costBasisReleased(basis, held, quantity);
      const at = options.now ?? entry.createdAt;
      // One statement for the share side: position, the immutable trade row, the company's price
      // and the price record (every trade is a price observation with its volume, even when the
      // impact rounds to zero).
      const [row] = await tx.$queryRawUnsafe<{ id: bigint }[]>(
        `WITH pos AS (
           UPDATE stock_positions SET quantity = $3::bigint, cost_basis_minor = $4::bigint, updated_at = $5
            WHERE user_id = $1 AND company_id = $2
         ), price AS (
           UPDATE companies SET share_price_minor = $9::bigint WHERE id = $2 AND share_price_minor <> $9::bigint
         ), record AS (
           INSERT INTO stock_prices (company_id, price_minor, market_cap_minor, volume, reason, created_at)
           VALUES ($2, $9::bigint, $9::bigint * $13::bigint, $7::bigint, 'trade', $5)
         )
         INSERT INTO stock_trades (user_id, company_id, account_id, side, quantity, price_minor, total_minor, price_after_minor,
                                   currency, ledger_entry_id, idempotency_key, created_at)
         VALUES ($1, $2, $6::bigint, $14::"TradeSide", $7::bigint, $8::bigint, $10::bigint, $9::bigint, $11, $12::bigint, $15, $5)
         RETURNING id`,
        actor.id,
        company.id,
        String(newHeld),
        String(newBasis),
        at,
        String(account.id),
        String(quantity),
        String(price),
        String(priceAfter),
        String(total),
        config.currency,
        String(entry.id),
        String(shares),
        side,
        idempotencyKey,
      );
      return {
        tradeId: String(row!.id),
        ticker,
        side,
        quantity: String(quantity),
        priceMinor: String(price),
        totalMinor: String(total),
        priceAfterMinor: String(priceAfter),
        currency: config.currency,
        accountId: String(account.id),
        accountBalanceAfter: String(side === "buy" ? entry.fromBalanceAfter : entry.toBalanceAfter),
        holding: String(newHeld),
        createdAt: at.toISOString(),
      } satisfies TradeResult;
    });
  });
}

/** The trader's own personal account in the market currency (shares belong to a person). */
async function traderAccount(tx: Tx, actor: Actor, accountId: string | undefined, currency: string): Promise<{ id: bigint }> {
  if (accountId) {
    const id = parseAccountId(accountId)!;
    const account = await requireAccountAccess(tx, actor, id, "spend").catch(() => null);
    if (!account || account.kind !== "PERSONAL" || account.userId !== actor.id || account.currency !== currency || account.status !== "OPEN") {
      const message = `Trade from one of your own open ${currency} personal accounts.`;
      throw new AppError("invalid_input", message, { fieldErrors: { accountId: message } });
    }
    return { id: account.id };
  }
  const account = await tx.account.findFirst({
    where: { userId: actor.id, kind: "PERSONAL", currency, status: "OPEN" },
    orderBy: { id: "asc" },
    select: { id: true },
  });
  if (!account) throw new AppError("invalid_input", `You need an open ${currency} personal account to trade.`);
  return account;
}
