// The bank's world, built through the app's own functions (no hand-inserted rows): a fresh database,
// migrated; N players signed up with signUp() (each gets the real funded personal account) and a
// personal API token each (createApiToken). Players also sign in with their password through Auth.js.
// For stock trades: one listed company, founded (createCompany) by founders who are not players and
// funded by their transfers (transfer) past the listing threshold, then listed (going-public check).
// For checkouts: three shops with goods and one event each (limited seats, one ticket product: created
// the way the demo seed creates them, there being no app function for events), two of them with
// seller settings that tax (updateSellerSettings), so payments post tax entries and EU business
// buyers meet the reverse charge. For marketplace runs: an administrator (createAdmin, what
// `npm run admin:create` calls) who signs in like everyone else.
import pg from "pg";
import { createAdmin } from "../../lib/auth/create-admin";
import { createApiToken } from "../../lib/auth/api-tokens";
import { signUp } from "../../lib/auth/sign-up";
import { createCompany } from "../../lib/companies/create-company";
import { checkGoingPublicAfterCommit } from "../../lib/companies/going-public";
import { createProduct } from "../../lib/companies/products";
import { updateSellerSettings, type SellerSettingsInput } from "../../lib/checkout/seller-settings";
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
  /** The ticket product of the shop's event (TICKET_CAPACITY seats). */
  ticketProductId: string;
}

export interface BankAdmin {
  id: string;
  email: string;
  password: string;
}

export const LISTED_TICKER = "BANK";
/** Shops for checkouts, each founded by a seller who is not a player. */
const SELLER_TICKERS = ["SHOPA", "SHOPB", "SHOPC"];
/** Seats per shop event: few enough that concurrent checkouts sell an event out within a short run. */
export const TICKET_CAPACITY = 8;
/** Seller settings per shop (null: the defaults, no tax): a German shop adding 19 %, a French one with 7.5 % included. */
const SELLER_SETTINGS: (Partial<SellerSettingsInput> | null)[] = [
  null,
  { taxEnabled: true, taxRate: "19", pricesIncludeTax: false, country: "DE", vatId: "DE129273398" },
  { taxEnabled: true, taxRate: "7.5", pricesIncludeTax: true, country: "FR", vatId: "FR40303265045" },
];
/** Founders of the listed company: their opening deposits together exceed the listing threshold. */
const FOUNDERS = 6;

export async function createBankWorld(
  serverUrl: string,
  database: string,
  players: number,
): Promise<{ databaseUrl: string; users: BankUser[]; listedTicker: string; sellers: BankSeller[]; admin: BankAdmin }> {
  const server = new pg.Client({ connectionString: serverUrl });
  await server.connect();
  try {
    await server.query(`CREATE DATABASE "${database}"`);
  } finally {
    await server.end();
  }
  const databaseUrl = withDatabase(serverUrl, database);
  await migrate({ connectionString: databaseUrl });
  process.env.DATABASE_URL = databaseUrl; // signUp and createApiToken use the app's one client
  const users: BankUser[] = [];
  const sellers: BankSeller[] = [];
  let admin: BankAdmin;
  try {
    const created = await createAdmin({ email: "admin@bank.test", name: "Bank Admin" });
    admin = { id: created.user.id, email: created.user.email, password: created.password };
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
      const settings = SELLER_SETTINGS[i];
      if (settings) {
        await db().$transaction((tx) =>
          updateSellerSettings(tx, owner.id, company.id, {
            currency: "USD", taxEnabled: false, taxRate: "0", pricesIncludeTax: false, invoicePrefix: `INV${i}`, invoiceLanguage: "en",
            legalName: `Bank Shop ${i} Ltd`, address: `${i} Market Square`, country: "", vatId: "", paymentTermsDays: 14, ...settings,
          }),
        );
      }
      const event = await db().event.create({
        data: { companyId: company.id, name: `Bank Gala ${i}`, venue: "Hall", startsAt: new Date(Date.now() + 30 * 86_400_000), capacity: TICKET_CAPACITY },
        select: { id: true },
      });
      const ticket = await db().product.create({
        data: { companyId: company.id, name: `Gala ticket ${i}`, description: "", priceMinor: 2500n, currency: "USD", kind: "TICKET", eventId: event.id },
        select: { id: true },
      });
      sellers.push({ ticker, productIds, ticketProductId: ticket.id });
    }
  } finally {
    await disconnectDb();
  }
  return { databaseUrl, users, listedTicker: LISTED_TICKER, sellers, admin };
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
