// The bank's world, built through the app's own functions (no hand-inserted rows): a fresh database,
// migrated; N players signed up with signUp() (each gets the real funded personal account) and a
// personal API token each (createApiToken). Players also sign in with their password through Auth.js.
// For stock trades: one listed company, founded (createCompany) by founders who are not players and
// funded by their transfers (transfer) past the listing threshold, then listed (going-public check).
import pg from "pg";
import { createApiToken } from "../../lib/auth/api-tokens";
import { signUp } from "../../lib/auth/sign-up";
import { createCompany } from "../../lib/companies/create-company";
import { checkGoingPublicAfterCommit } from "../../lib/companies/going-public";
import { createProduct } from "../../lib/companies/products";
import { db, disconnectDb } from "../../lib/db/client";
import { transfer } from "../../lib/ledger/transfer";
import { migrate } from "../../lib/db/migrate";
import { withDatabase } from "../test/database-urls";

export interface BankUser {
  id: string;
  email: string;
  password: string;
  accountId: string;
  token: string;
}

export interface BankSeller {
  ticker: string;
  productIds: string[];
}

export const LISTED_TICKER = "BANK";
/** Shops for checkouts, each founded by a seller who is not a player. */
const SELLER_TICKERS = ["SHOPA", "SHOPB", "SHOPC"];
/** Founders of the listed company: their opening deposits together exceed the listing threshold. */
const FOUNDERS = 6;

export async function createBankWorld(serverUrl: string, database: string, players: number): Promise<{ databaseUrl: string; users: BankUser[]; listedTicker: string; sellers: BankSeller[] }> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${database}"`);
  } finally {
    await admin.end();
  }
  const databaseUrl = withDatabase(serverUrl, database);
  await migrate({ connectionString: databaseUrl });
  process.env.DATABASE_URL = databaseUrl; // signUp and createApiToken use the app's one client
  const users: BankUser[] = [];
  const sellers: BankSeller[] = [];
  try {
    for (let i = 0; i < players; i++) {
      const email = `player-${String(i).padStart(3, "0")}@bank.test`;
      const password = `bank-password-${i}-correct-horse`;
      const user = await signUp({ name: `Player ${i}`, email, password });
      const { token } = await createApiToken({ userId: user.id, name: "bank test" });
      users.push({ id: user.id, email, password, accountId: "", token });
    }
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ user_id: string; id: string }>(`SELECT user_id, id::text FROM accounts WHERE kind = 'PERSONAL'`);
      for (const user of users) user.accountId = rows.find((r) => r.user_id === user.id)?.id ?? "";
    } finally {
      await client.end();
    }
    if (users.some((u) => !u.accountId)) throw new Error("a player has no personal account after sign-up");
    await createListedCompany();
    for (const [i, ticker] of SELLER_TICKERS.entries()) {
      const owner = await signUp({ name: `Seller ${i}`, email: `seller-${i}@bank.test`, password: `bank-seller-${i}-correct-horse` });
      const company = await createCompany(db(), { id: owner.id, role: owner.role }, { name: `Bank Shop ${i}`, ticker, description: "" });
      const productIds: string[] = [];
      for (const [j, price] of ["3.50", "12.00", "0.99"].entries()) {
        productIds.push((await createProduct(db(), { id: owner.id, role: owner.role }, company.id, { name: `Goods ${j}`, description: "", price, active: true })).id);
      }
      sellers.push({ ticker, productIds });
    }
  } finally {
    await disconnectDb();
  }
  return { databaseUrl, users, listedTicker: LISTED_TICKER, sellers };
}

async function createListedCompany(): Promise<void> {
  const founders = [];
  for (let i = 0; i < FOUNDERS; i++) {
    founders.push(await signUp({ name: `Founder ${i}`, email: `founder-${i}@bank.test`, password: `bank-founder-${i}-correct-horse` }));
  }
  const actor = (u: { id: string; role: "USER" | "ADMIN" }) => ({ id: u.id, role: u.role });
  const company = await createCompany(db(), actor(founders[0]!), { name: "Bank Test Holdings", ticker: LISTED_TICKER, description: "" });
  for (const [i, founder] of founders.entries()) {
    const [account] = await db().account.findMany({ where: { userId: founder.id, kind: "PERSONAL" }, select: { id: true } });
    await db().$transaction((tx) =>
      transfer(actor(founder), { fromAccountId: String(account!.id), to: LISTED_TICKER, amount: "900000", amountUnit: "minor", idempotencyKey: `bank-founding-${i}` }, tx),
    );
  }
  const listed = await checkGoingPublicAfterCommit(db(), [company.operatingAccountId]);
  if (listed.length !== 1) throw new Error(`${LISTED_TICKER} did not list (its founders' transfers are under the threshold?)`);
}
