import { beforeAll, describe, expect, it } from "vitest";
import { createTestUser } from "../../scripts/test/ledger-fixtures";
import { db } from "../db/client";
import { openCompanyAccount } from "../ledger/open-account";
import { listCatalog } from "./list-catalog";

const DAY = 86_400_000;
const now = new Date("2030-06-01T12:00:00Z");

async function createCompany(ticker: string, name: string, ownerId: string) {
  return db().$transaction(async (tx) => {
    const company = await tx.company.create({ data: { ticker, name, ownerId } });
    await openCompanyAccount(tx, { companyId: company.id });
    return company;
  });
}

beforeAll(async () => {
  const owner = await createTestUser();
  const bakery = await createCompany("BAKE", "Bakery", owner.id);
  const hall = await createCompany("HALL", "Concert Hall", owner.id);
  await createCompany("EMPT", "Empty Shelf", owner.id);
  const usd = { currency: "USD" };
  await db().product.createMany({
    data: [
      { companyId: bakery.id, name: "Sourdough", priceMinor: 650n, ...usd },
      { companyId: bakery.id, name: "Croissant", priceMinor: 300n, ...usd },
      { companyId: bakery.id, name: "Discontinued rye", priceMinor: 500n, active: false, ...usd },
      { companyId: hall.id, name: "Poster", priceMinor: 1_500n, ...usd },
      // A ticket with no event admits to nothing; the catalog must not offer it.
      { companyId: hall.id, kind: "TICKET", name: "Orphan ticket", priceMinor: 100n, ...usd },
    ],
  });
  const later = await db().event.create({ data: { companyId: hall.id, name: "Autumn Gala", venue: "Main Stage", startsAt: new Date(now.getTime() + 90 * DAY) } });
  const sooner = await db().event.create({ data: { companyId: bakery.id, name: "Baking Class", venue: "Back Kitchen", startsAt: new Date(now.getTime() + 7 * DAY) } });
  const past = await db().event.create({ data: { companyId: hall.id, name: "Last Year's Gig", venue: "Main Stage", startsAt: new Date(now.getTime() - DAY) } });
  await db().product.createMany({
    data: [
      { companyId: hall.id, kind: "TICKET", eventId: later.id, name: "Gala: front row", priceMinor: 9_000n, ...usd },
      { companyId: hall.id, kind: "TICKET", eventId: later.id, name: "Gala: standing", priceMinor: 3_500n, ...usd },
      { companyId: hall.id, kind: "TICKET", eventId: later.id, name: "Gala: withdrawn", priceMinor: 1_000n, active: false, ...usd },
      { companyId: bakery.id, kind: "TICKET", eventId: sooner.id, name: "Class seat", priceMinor: 4_000n, ...usd },
      { companyId: hall.id, kind: "TICKET", eventId: past.id, name: "Old gig ticket", priceMinor: 2_000n, ...usd },
    ],
  });
});

describe("listCatalog", () => {
  it("groups active products by company, companies and products by name", async () => {
    const { companies } = await listCatalog(db(), { now });
    expect(companies.map((c) => [c.ticker, c.name, c.products.map((p) => p.name)])).toEqual([
      ["BAKE", "Bakery", ["Croissant", "Sourdough"]],
      ["HALL", "Concert Hall", ["Poster"]],
    ]);
    expect(companies[0]!.products[1]).toMatchObject({ name: "Sourdough", priceMinor: 650n, currency: "USD" });
  });

  it("lists upcoming events soonest first with their active tickets, cheapest first", async () => {
    const { events } = await listCatalog(db(), { now });
    expect(events.map((e) => [e.name, e.venue, e.company.ticker, e.tickets.map((t) => t.name)])).toEqual([
      ["Baking Class", "Back Kitchen", "BAKE", ["Class seat"]],
      ["Autumn Gala", "Main Stage", "HALL", ["Gala: standing", "Gala: front row"]],
    ]);
    expect(events[1]!.startsAt).toEqual(new Date(now.getTime() + 90 * DAY));
    expect(events[1]!.tickets.map((t) => t.priceMinor)).toEqual([3_500n, 9_000n]);
  });

  it("drops an event once it has started", async () => {
    const { events } = await listCatalog(db(), { now: new Date(now.getTime() + 30 * DAY) });
    expect(events.map((e) => e.name)).toEqual(["Autumn Gala"]);
  });
});
