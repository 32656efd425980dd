// Demo data for a fresh database: system accounts, an admin and two users with funded personal
// accounts, three companies with products, and an event with tickets.
//
// Idempotent by construction: every row is looked up by its natural key (email, ticker, system key,
// company + name) before it is created, and each person/company is created in one transaction
// together with its account and opening deposit, so a crash mid-seed leaves whole rows only and the
// next run completes the rest. Money moves only through lib/ledger (openPersonalAccount posts the
// opening deposit from the mint), never by writing balances directly.
import { hashPassword } from "../auth/password";
import type { Db, Tx } from "../db/client";
import { openCompanyAccount, openPersonalAccount } from "../ledger/open-account";
import { ensureSystemAccounts } from "../ledger/system-accounts";
import { DEMO_COMPANIES, DEMO_CURRENCIES, type DemoCompany, type DemoProduct } from "./demo-catalog";
import { DEMO_USERS, type DemoUser } from "./demo-users";
import { seedOrders } from "./seed-orders";
import { seedMarketWorld } from "./seed-market-world";

export interface SeedProgress {
  done: number;
  total: number;
  step: string;
}

export interface SeedResult {
  created: string[];
}

function countSteps(): number {
  const perCompany = DEMO_COMPANIES.reduce((n, c) => n + 1 + c.products.length + (c.event ? 1 + c.event.tickets.length : 0), 0);
  return 1 + DEMO_USERS.length + perCompany + 1;
}

export async function seedDemo(prisma: Db, options: { onProgress?: (progress: SeedProgress) => void; world?: boolean } = {}): Promise<SeedResult> {
  const total = countSteps();
  const created: string[] = [];
  let done = 0;
  const step = (label: string, wasCreated: boolean) => {
    done += 1;
    if (wasCreated) created.push(label);
    options.onProgress?.({ done, total, step: label });
  };

  await prisma.$transaction((tx) => ensureSystemAccounts(tx, DEMO_CURRENCIES, ["mint", "tax"]));
  step(`system accounts (${DEMO_CURRENCIES.join(", ")})`, false);

  for (const user of DEMO_USERS) step(`user ${user.email}`, await seedUser(prisma, user));

  for (const company of DEMO_COMPANIES) {
    const { id: companyId, created: companyCreated } = await seedCompany(prisma, company);
    step(`company ${company.ticker}`, companyCreated);
    for (const product of company.products) {
      step(`product ${company.ticker} ${product.name}`, await seedProduct(prisma, companyId, company.currency, product));
    }
    if (company.event) {
      const event = company.event;
      let eventRow = await prisma.event.findFirst({ where: { companyId, name: event.name }, select: { id: true } });
      const eventCreated = !eventRow;
      if (!eventRow) {
        const startsAt = new Date(Date.now() + event.startsInDays * 86_400_000);
        startsAt.setUTCHours(19, 0, 0, 0);
        eventRow = await prisma.event.create({ data: { companyId, name: event.name, venue: event.venue, startsAt, capacity: event.capacity }, select: { id: true } });
      }
      step(`event ${event.name}`, eventCreated);
      for (const ticket of event.tickets) {
        step(`ticket ${ticket.name}`, await seedProduct(prisma, companyId, company.currency, ticket, eventRow.id));
      }
    }
  }
  const orders = await seedOrders(prisma);
  step("demo orders, invoices and emails", orders.length > 0);
  created.push(...orders);
  // The living economy (players, companies, 30 days of market history): lib/seed/seed-market-world.ts.
  if (options.world !== false) {
    const base = done;
    created.push(
      ...(await seedMarketWorld(prisma, {
        onProgress: (p) => options.onProgress?.({ done: base + p.done, total: total + p.total, step: p.step }),
      })),
    );
  }
  return { created };
}

/** Creates the user with a funded personal account; repairs a user left without one. */
async function seedUser(prisma: Db, user: DemoUser): Promise<boolean> {
  const existing = await prisma.user.findUnique({
    where: { email: user.email },
    select: { id: true, accounts: { where: { kind: "PERSONAL" }, select: { id: true }, take: 1 } },
  });
  if (existing && existing.accounts.length > 0) return false;
  // Hashing is slow on purpose (Argon2id); do it outside the transaction.
  const passwordHash = existing ? null : await hashPassword(user.password);
  await prisma.$transaction(async (tx: Tx) => {
    const userId =
      existing?.id ??
      (await tx.user.create({ data: { email: user.email, name: user.name, role: user.role, passwordHash: passwordHash! }, select: { id: true } })).id;
    await openPersonalAccount(tx, { userId });
  });
  return true;
}

async function seedCompany(prisma: Db, company: DemoCompany): Promise<{ id: string; created: boolean }> {
  const existing = await prisma.company.findUnique({
    where: { ticker: company.ticker },
    select: { id: true, accounts: { select: { id: true }, take: 1 } },
  });
  if (existing && existing.accounts.length > 0) return { id: existing.id, created: false };
  const id = await prisma.$transaction(async (tx: Tx) => {
    const owner = await tx.user.findUniqueOrThrow({ where: { email: company.ownerEmail }, select: { id: true } });
    const companyId =
      existing?.id ??
      (
        await tx.company.create({
          data: { ticker: company.ticker, name: company.name, description: company.description, ownerId: owner.id, currency: company.currency, ...company.settings },
          select: { id: true },
        })
      ).id;
    const account = await openCompanyAccount(tx, { companyId, currency: company.currency });
    await tx.company.update({ where: { id: companyId }, data: { operatingAccountId: account.id } });
    await tx.companyMember.upsert({
      where: { companyId_userId: { companyId, userId: owner.id } },
      create: { companyId, userId: owner.id, role: "owner" },
      update: {},
    });
    return companyId;
  });
  return { id, created: true };
}

async function seedProduct(prisma: Db, companyId: string, currency: string, product: DemoProduct, eventId?: string): Promise<boolean> {
  const existing = await prisma.product.findFirst({ where: { companyId, name: product.name }, select: { id: true } });
  if (existing) return false;
  await prisma.product.create({
    data: {
      companyId,
      name: product.name,
      description: product.description,
      priceMinor: product.priceMinor,
      currency,
      kind: eventId ? "TICKET" : "GOODS",
      eventId,
    },
  });
  return true;
}
