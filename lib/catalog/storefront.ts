import type { Tx } from "../db/client";

/** A seller's storefront: its active goods and tickets for upcoming events, by name. */
export async function getStorefront(tx: Tx, ticker: string, now = new Date()) {
  return tx.company.findUnique({
    where: { ticker: ticker.toUpperCase() },
    select: {
      id: true,
      name: true,
      ticker: true,
      description: true,
      currency: true,
      taxEnabled: true,
      taxRateBps: true,
      pricesIncludeTax: true,
      products: {
        where: { active: true, OR: [{ kind: "GOODS" }, { kind: "TICKET", event: { startsAt: { gt: now } } }] },
        orderBy: [{ kind: "asc" }, { name: "asc" }],
        select: {
          id: true,
          kind: true,
          name: true,
          description: true,
          priceMinor: true,
          currency: true,
          taxRateBps: true,
          event: { select: { id: true, name: true, venue: true, startsAt: true, capacity: true, ticketsSold: true } },
        },
      },
    },
  });
}

export type Storefront = NonNullable<Awaited<ReturnType<typeof getStorefront>>>;
