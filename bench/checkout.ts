// `npm run bench:checkout`: what a checkout costs.
//  1. Rows written by one checkout completion for 1, 3 and 20 lines (exactly one transaction).
//  2. Checkouts per second with 16 concurrent buyers, across 16 sellers and all on one seller (the
//     seller's balance row and invoice counter are then hot), against single-entry transfers per
//     second with 16 workers in the same run (same database, same pool).
//  3. Invoice email render and PDF render p50.
// Runs on a throwaway cluster with default durability (or BENCH_DATABASE_URL), like bench:ledger.
import { randomUUID } from "node:crypto";
import type { PrismaClient } from "../lib/db/generated/client";
import { addToCart } from "../lib/checkout/cart";
import { completeCheckout } from "../lib/checkout/complete-checkout";
import { saveCustomer } from "../lib/checkout/save-customer";
import { createDb } from "../lib/db/client";
import { renderInvoiceEmailBody } from "../lib/email/render-invoice-email";
import { renderInvoicePdf } from "../lib/invoicing/pdf/invoice-pdf";
import { sampleInvoice } from "../lib/invoicing/sample-invoice";
import { openCompanyAccount, openPersonalAccount } from "../lib/ledger/open-account";
import { postEntries } from "../lib/ledger/post-entries";
import { ensureSystemAccounts } from "../lib/ledger/system-accounts";
import { openBenchDatabase } from "./bench-database";
import { formatTable } from "./format-table";
import { timeSamples } from "./stats";

const WORKERS = 16;
const PER_WORKER = Number(process.env.BENCH_CHECKOUTS_PER_WORKER ?? 20);
const log = (line: string) => console.error(`[bench:checkout] ${line}`);
const CUSTOMER = { type: "B2C", name: "Bench Buyer", email: "bench@example.test", address: "1 Bench St", country: "US" };

interface World {
  sellers: { id: string; products: string[] }[];
  buyers: { id: string; accountId: bigint }[];
}

async function buildWorld(prisma: PrismaClient): Promise<World> {
  await prisma.$transaction((tx) => ensureSystemAccounts(tx, ["USD"], ["mint", "tax"]));
  const owner = await prisma.user.create({ data: { email: `owner-${randomUUID()}@bench.test`, name: "Owner", passwordHash: "x" } });
  const sellers: World["sellers"] = [];
  for (let i = 0; i < WORKERS; i += 1) {
    const company = await prisma.company.create({ data: { name: `Seller ${i}`, ticker: `B${i}X${randomUUID().slice(0, 4).toUpperCase()}`.replace(/-/g, "0"), ownerId: owner.id, country: "DE", taxEnabled: true, taxRateBps: 1900 } });
    await prisma.$transaction((tx) => openCompanyAccount(tx, { companyId: company.id }));
    await prisma.product.createMany({ data: Array.from({ length: 20 }, (_, p) => ({ companyId: company.id, name: `Product ${p}`, priceMinor: BigInt(500 + p * 37), currency: "USD" })) });
    sellers.push({ id: company.id, products: (await prisma.product.findMany({ where: { companyId: company.id }, orderBy: { name: "asc" }, select: { id: true } })).map((p) => p.id) });
  }
  const buyers: World["buyers"] = [];
  for (let i = 0; i < WORKERS * 2; i += 1) {
    const user = await prisma.user.create({ data: { email: `buyer-${i}-${randomUUID()}@bench.test`, name: `Buyer ${i}`, passwordHash: "x" } });
    const account = await prisma.$transaction((tx) => openPersonalAccount(tx, { userId: user.id, openingDeposit: 10_000_000_000n }));
    buyers.push({ id: user.id, accountId: account.id });
  }
  return { sellers, buyers };
}

async function prepare(prisma: PrismaClient, buyerId: string, products: string[]): Promise<string> {
  let sessionId = "";
  await prisma.$transaction(async (tx) => {
    for (const productId of products) sessionId = (await addToCart(tx, buyerId, { productId, quantity: 1 })).sessionId;
  });
  await prisma.$transaction((tx) => saveCustomer(tx, buyerId, { sessionId, customer: CUSTOMER, attendees: {} }));
  return sessionId;
}

async function tableRows(prisma: PrismaClient): Promise<Record<string, number>> {
  const tables = ["transactions", "transaction_line_items", "tickets", "invoices", "email_outbox", "ledger_entries", "document_counters", "credit_notes"];
  const out: Record<string, number> = {};
  for (const t of tables) out[t] = Number((await prisma.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM ${t}`))[0]!.n);
  return out;
}

async function rowsPerCheckout(prisma: PrismaClient, world: World): Promise<string[][]> {
  const out: string[][] = [];
  for (const lines of [1, 3, 20]) {
    const buyer = world.buyers[0]!;
    const sessionId = await prepare(prisma, buyer.id, world.sellers[0]!.products.slice(0, lines));
    const before = await tableRows(prisma);
    await completeCheckout(prisma, { id: buyer.id, role: "USER" }, { sessionId, method: "balance", payerAccountId: buyer.accountId });
    const after = await tableRows(prisma);
    const diff = Object.fromEntries(Object.keys(after).map((k) => [k, after[k]! - before[k]!]));
    const inserted = Object.values(diff).reduce((s, n) => s + n, 0);
    out.push([String(lines), String(diff.transactions), String(diff.transaction_line_items), String(diff.ledger_entries), String(diff.invoices), String(diff.email_outbox), String(inserted)]);
  }
  return out;
}

async function newBuyers(prisma: PrismaClient, n: number): Promise<World["buyers"]> {
  const out: World["buyers"] = [];
  for (let i = 0; i < n; i += 1) {
    const user = await prisma.user.create({ data: { email: `b-${randomUUID()}@bench.test`, name: `Buyer`, passwordHash: "x" } });
    const account = await prisma.$transaction((tx) => openPersonalAccount(tx, { userId: user.id, openingDeposit: 100_000_000n }));
    out.push({ id: user.id, accountId: account.id });
  }
  return out;
}

/**
 * 16 workers in a closed loop, each completing its own prepared 3-line checkouts one after another
 * (a buyer has one open cart at a time, so every checkout has its own buyer, prepared off the
 * clock). Only the completions are timed, like the transfers they are compared with.
 */
async function checkoutThroughput(prisma: PrismaClient, world: World, oneSeller: boolean): Promise<{ perSecond: number; errors: number; count: number }> {
  const buyers = await newBuyers(prisma, WORKERS * PER_WORKER);
  const queues = await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      const seller = world.sellers[oneSeller ? 0 : w]!;
      const queue: { buyer: World["buyers"][number]; sessionId: string }[] = [];
      for (let k = 0; k < PER_WORKER; k += 1) {
        const buyer = buyers[w * PER_WORKER + k]!;
        queue.push({ buyer, sessionId: await prepare(prisma, buyer.id, seller.products.slice(k % 17, (k % 17) + 3)) });
      }
      return queue;
    }),
  );
  let count = 0;
  let errors = 0;
  const start = performance.now();
  await Promise.all(
    queues.map(async (queue) => {
      for (const { buyer, sessionId } of queue) {
        try {
          await completeCheckout(prisma, { id: buyer.id, role: "USER" }, { sessionId, method: "balance", payerAccountId: buyer.accountId });
          count += 1;
        } catch {
          errors += 1;
        }
      }
    }),
  );
  return { perSecond: count / ((performance.now() - start) / 1000), errors, count };
}

async function transferThroughput(prisma: PrismaClient, world: World, seconds: number): Promise<number> {
  const deadline = performance.now() + seconds * 1000;
  let count = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async (_, w) => {
      let i = 0;
      while (performance.now() < deadline) {
        const from = world.buyers[(w * 2 + i) % world.buyers.length]!.accountId;
        const to = world.buyers[(w * 2 + i + 1) % world.buyers.length]!.accountId;
        await postEntries(prisma, [{ fromAccountId: from, toAccountId: to, amount: 1n, type: "transfer" }]);
        count += 1;
        i += 1;
      }
    }),
  );
  return count / ((performance.now() - start) / 1000);
}

const database = await openBenchDatabase({ serverUrl: process.env.BENCH_DATABASE_URL, keep: false, log });
try {
  const prisma = createDb(database.url, WORKERS + 4);
  log(`database: ${database.description}`);
  const world = await buildWorld(prisma);
  log("rows per checkout");
  const rows = await rowsPerCheckout(prisma, world);
  log("checkouts across sellers");
  const across = await checkoutThroughput(prisma, world, false);
  log("checkouts on one seller");
  const single = await checkoutThroughput(prisma, world, true);
  log("transfers");
  const transfers = await transferThroughput(prisma, world, 8);
  await prisma.$disconnect();
  log("render timings");
  const vm = sampleInvoice({ language: "de", currency: "EUR", lines: 3 });
  const email = await timeSamples(() => renderInvoiceEmailBody(vm, "http://localhost:3000"), 40, 5);
  const pdf = await timeSamples(() => renderInvoicePdf(vm), 20, 3);
  const email20 = await timeSamples(() => renderInvoiceEmailBody(sampleInvoice({ lines: 20 }), "http://localhost:3000"), 20, 3);
  const pdf20 = await timeSamples(() => renderInvoicePdf(sampleInvoice({ lines: 20 })), 10, 2);

  console.log(`\nCheckout benchmark (${database.description})\n`);
  console.log("Rows written by one checkout completion (balance payment, taxed):");
  console.log(formatTable(["lines", "transactions", "line items", "ledger entries", "invoices", "outbox", "rows inserted"], rows));
  console.log(`\nThroughput with ${WORKERS} concurrent buyers (${across.count + single.count} checkouts of 3 lines; completion only):`);
  const pct = (n: number) => `${((n / transfers) * 100).toFixed(0)} %`;
  console.log(
    formatTable(
      ["workload", "per second", "vs transfers", "errors"],
      [
        ["checkouts, 16 sellers", across.perSecond.toFixed(0), pct(across.perSecond), String(across.errors)],
        ["checkouts, one seller", single.perSecond.toFixed(0), pct(single.perSecond), String(single.errors)],
        ["transfers (1 entry)", transfers.toFixed(0), "100 %", "0"],
      ],
    ),
  );
  console.log("\nRendering (ms):");
  console.log(
    formatTable(
      ["what", "p50", "p95", "samples"],
      [
        ["email HTML + text, 3 lines", email.p50.toFixed(1), email.p95.toFixed(1), String(email.samples)],
        ["PDF, 3 lines", pdf.p50.toFixed(1), pdf.p95.toFixed(1), String(pdf.samples)],
        ["email HTML + text, 20 lines", email20.p50.toFixed(1), email20.p95.toFixed(1), String(email20.samples)],
        ["PDF, 20 lines", pdf20.p50.toFixed(1), pdf20.p95.toFixed(1), String(pdf20.samples)],
      ],
    ),
  );
} finally {
  await database.close();
}
process.exit(0);
