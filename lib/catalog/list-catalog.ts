import type { Tx } from "../db/client";

export interface CatalogItem {
  id: string;
  name: string;
  description: string;
  priceMinor: bigint;
  currency: string;
}

export interface CatalogCompany {
  id: string;
  ticker: string;
  name: string;
  /** Active products of kind PRODUCT, by name. */
  products: CatalogItem[];
}

export interface CatalogEvent {
  id: string;
  name: string;
  venue: string;
  startsAt: Date;
  company: { id: string; ticker: string; name: string };
  /** Active tickets for this event, cheapest first. */
  tickets: CatalogItem[];
}

export interface Catalog {
  /** Companies with at least one active product, by name. */
  companies: CatalogCompany[];
  /** Upcoming events with at least one active ticket, soonest first. */
  events: CatalogEvent[];
}

interface Row {
  id: string;
  kind: "GOODS" | "TICKET";
  name: string;
  description: string;
  price_minor: bigint;
  currency: string;
  company_id: string;
  company_ticker: string;
  company_name: string;
  event_id: string | null;
  event_name: string | null;
  event_venue: string | null;
  event_starts_at: Date | null;
}

/**
 * What is on offer, in one query over active products (⋈ companies, ⟕ events), grouped here.
 * Tickets for events that have already started are left out: the shop should not offer admission
 * to the past. A TICKET without an event admits to nothing, so it is left out too.
 */
export async function listCatalog(tx: Tx, options: { now?: Date } = {}): Promise<Catalog> {
  const now = options.now ?? new Date();
  const rows = await tx.$queryRaw<Row[]>`
    SELECT p.id, p.kind::text AS kind, p.name, p.description, p.price_minor, p.currency,
           c.id AS company_id, c.ticker AS company_ticker, c.name AS company_name,
           e.id AS event_id, e.name AS event_name, e.venue AS event_venue, e.starts_at AS event_starts_at
      FROM products p
      JOIN companies c ON c.id = p.company_id
      LEFT JOIN events e ON e.id = p.event_id
     WHERE p.active
       AND (p.kind = 'GOODS' OR (e.id IS NOT NULL AND e.starts_at > ${now}))
     ORDER BY c.name, c.id, e.id NULLS FIRST,
              CASE WHEN p.kind = 'TICKET' THEN p.price_minor END, p.name, p.id`;

  // Rows arrive grouped by company, products by name and each event's tickets by price, so Map
  // insertion order keeps that; only events are re-sorted, by date across companies.
  const companies = new Map<string, CatalogCompany>();
  const events = new Map<string, CatalogEvent>();
  for (const r of rows) {
    const item: CatalogItem = { id: r.id, name: r.name, description: r.description, priceMinor: BigInt(r.price_minor), currency: r.currency };
    if (r.kind === "GOODS") {
      let company = companies.get(r.company_id);
      if (!company) {
        company = { id: r.company_id, ticker: r.company_ticker, name: r.company_name, products: [] };
        companies.set(r.company_id, company);
      }
      company.products.push(item);
    } else if (r.event_id && r.event_name !== null && r.event_venue !== null && r.event_starts_at) {
      let event = events.get(r.event_id);
      if (!event) {
        event = {
          id: r.event_id,
          name: r.event_name,
          venue: r.event_venue,
          startsAt: r.event_starts_at,
          company: { id: r.company_id, ticker: r.company_ticker, name: r.company_name },
          tickets: [],
        };
        events.set(r.event_id, event);
      }
      event.tickets.push(item);
    }
  }
  return {
    companies: [...companies.values()],
    events: [...events.values()].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.id.localeCompare(b.id)),
  };
}
