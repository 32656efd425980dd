// The admin tables of checkout: /admin/transactions, /admin/invoices, /admin/emails. Filtered,
// sorted and paginated in the database with a keyset cursor (sort value, id), like the ledger
// tables (lib/ledger/admin-list-*), but with text ids. SQL text comes only from the whitelisted
// specs below; every user-supplied value is a bind parameter.
import { z } from "zod";
import type { Tx } from "../db/client";
import { likePattern } from "../ledger/admin-list-accounts";
import {
  enumParam,
  firstValues,
  isValidSortValue,
  pageSizeSchema,
  sortDirSchema,
  SQL_CAST,
  sortValueSql,
  toParseResult,
  type AdminPage,
  type ParseResult,
  type SortDir,
  type SortValueKind,
} from "../ledger/admin-list-params";

interface Spec {
  from: string;
  id: string;
  select: string;
  sorts: Record<string, { expr: string; kind: SortValueKind }>;
  defaultSort: string;
  /** Exact-match filters: URL name → SQL expression (compared as text). */
  filters: Record<string, string>;
  /** Columns searched by `q` (substring, case-insensitive). */
  search: string[];
}

export const SPECS = {
  transactions: {
    from: `transactions t JOIN companies c ON c.id = t.seller_company_id LEFT JOIN invoices i ON i.transaction_id = t.id`,
    id: "t.id",
    select: `t.id, t.created_at, t.currency::text AS currency, t.subtotal, t.tax_total, t.total, t.refunded, t.payment_method::text AS payment_method,
             t.payment_status::text AS payment_status, t.payer_type::text AS payer_type, t.payer_name, t.payer_email, t.legacy,
             c.name AS seller, c.ticker, i.id AS invoice_id, i.number AS invoice_number,
             (SELECT count(*) FROM transaction_line_items l WHERE l.transaction_id = t.id)::int AS lines`,
    sorts: {
      createdAt: { expr: "t.created_at", kind: "timestamp" },
      total: { expr: "t.total", kind: "bigint" },
      seller: { expr: "c.name", kind: "text" },
      payer: { expr: "t.payer_name", kind: "text" },
      status: { expr: "t.payment_status::text", kind: "text" },
    },
    defaultSort: "createdAt",
    filters: { currency: "t.currency::text", status: "t.payment_status::text", method: "t.payment_method::text", type: "t.payer_type::text" },
    search: ["t.payer_name", "t.payer_email", "c.name", "c.ticker", "i.number", "t.id"],
  },
  invoices: {
    from: `invoices i JOIN transactions t ON t.id = i.transaction_id JOIN companies c ON c.id = i.seller_company_id`,
    id: "i.id",
    select: `i.id, i.number, i.status::text AS status, i.type::text AS type, i.issue_date, i.due_date, i.created_at, i.language::text AS language,
             t.id AS transaction_id, t.currency::text AS currency, t.total, t.payer_name, c.name AS seller`,
    sorts: {
      createdAt: { expr: "i.created_at", kind: "timestamp" },
      number: { expr: "i.number", kind: "text" },
      total: { expr: "t.total", kind: "bigint" },
      dueDate: { expr: "i.due_date::timestamptz", kind: "timestamp" },
      status: { expr: "i.status::text", kind: "text" },
    },
    defaultSort: "createdAt",
    filters: { currency: "t.currency::text", status: "i.status::text", type: "i.type::text", language: "i.language::text" },
    search: ["i.number", "t.payer_name", "t.payer_email", "c.name", "c.ticker"],
  },
  emails: {
    from: `email_outbox m LEFT JOIN invoices i ON i.id = m.invoice_id`,
    id: "m.id",
    select: `m.id, m.kind, m.to_email, m.subject, m.status::text AS status, m.attempts, m.last_error, m.provider_message_id,
             m.next_attempt_at, m.lease_token IS NOT NULL AS leased, m.sent_at, m.created_at, m.idempotency_key, m.invoice_id, i.number AS invoice_number`,
    sorts: {
      createdAt: { expr: "m.created_at", kind: "timestamp" },
      status: { expr: "m.status::text", kind: "text" },
      attempts: { expr: "m.attempts::bigint", kind: "bigint" },
      to: { expr: "m.to_email", kind: "text" },
      nextAttempt: { expr: "m.next_attempt_at", kind: "timestamp" },
    },
    defaultSort: "createdAt",
    filters: { status: "m.status::text", kind: "m.kind" },
    search: ["m.to_email", "m.subject", "i.number", "m.idempotency_key"],
  },
} satisfies Record<string, Spec>;

export type ListName = keyof typeof SPECS;

export interface CommerceQuery {
  sort: string;
  dir: SortDir;
  filters: Record<string, string>;
  q?: string;
  size: number;
  cursor?: { direction: "after" | "before"; value: string; id: string };
}

function encode(sort: string, dir: SortDir, value: string, id: string): string {
  return Buffer.from(JSON.stringify([sort, dir, value, id]), "utf8").toString("base64url");
}

function decode(text: string): [string, SortDir, string, string] | null {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(text)) return null;
  try {
    const parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (Array.isArray(parsed) && parsed.length === 4 && parsed.every((p) => typeof p === "string") && (parsed[1] === "asc" || parsed[1] === "desc")) {
      return parsed as [string, SortDir, string, string];
    }
  } catch {
    // fall through
  }
  return null;
}

export function parseCommerceParams(name: ListName, params: Record<string, string | string[] | undefined>): ParseResult<CommerceQuery> {
  const spec: Spec = SPECS[name];
  const sortKeys = Object.keys(spec.sorts) as [string, ...string[]];
  const schema = z
    .object({
      sort: enumParam("sort column", sortKeys).default(spec.defaultSort),
      dir: sortDirSchema.default("desc"),
      q: z.string().max(200, "Search is limited to 200 characters.").refine((v) => !v.includes("\u0000"), "Search contains a character that cannot be searched for.").optional(),
      size: pageSizeSchema,
      after: z.string().optional(),
      before: z.string().optional(),
      ...Object.fromEntries(Object.keys(spec.filters).map((f) => [f, z.string().max(40).regex(/^[A-Za-z0-9_]+$/, `Unknown ${f} filter value.`).optional()])),
    })
    .transform((p, ctx): CommerceQuery => {
      let cursor: CommerceQuery["cursor"];
      const text = (p.after ?? p.before) as string | undefined;
      if (text) {
        const c = decode(text);
        if (!c || c[0] !== p.sort || c[1] !== p.dir || !isValidSortValue(spec.sorts[p.sort]!.kind, c[2])) {
          ctx.addIssue({ code: "custom", path: ["after"], message: "This page link does not fit this sort order. Start again from the first page." });
        } else cursor = { direction: p.after ? "after" : "before", value: c[2], id: c[3] };
      }
      const filters: Record<string, string> = {};
      for (const f of Object.keys(spec.filters)) {
        const v = (p as Record<string, unknown>)[f];
        if (typeof v === "string") filters[f] = f === "currency" || f === "type" ? v.toUpperCase() : v;
      }
      return { sort: p.sort, dir: p.dir, q: p.q, size: p.size, filters, cursor };
    });
  return toParseResult(schema.safeParse(firstValues(params)));
}

export async function listCommerce<Row extends Record<string, unknown>>(tx: Tx, name: ListName, query: CommerceQuery): Promise<AdminPage<Row>> {
  const spec: Spec = SPECS[name];
  const params: unknown[] = [];
  const param = (v: unknown) => (params.push(v), `$${params.length}`);
  const where: string[] = [];
  for (const [f, value] of Object.entries(query.filters)) where.push(`${spec.filters[f]} = ${param(value)}`);
  if (query.q) {
    const pattern = param(likePattern(query.q.trim()));
    where.push(`(${spec.search.map((c) => `${c} ILIKE ${pattern}`).join(" OR ")})`);
  }
  const { expr, kind } = spec.sorts[query.sort]!;
  const backwards = query.cursor?.direction === "before";
  const ascending = (query.dir === "asc") !== backwards;
  if (query.cursor) {
    where.push(`(${expr}, ${spec.id}) ${ascending ? ">" : "<"} (${param(query.cursor.value)}::${SQL_CAST[kind]}, ${param(query.cursor.id)})`);
  }
  const order = ascending ? "ASC" : "DESC";
  const fetched = await tx.$queryRawUnsafe<(Row & { sort_value: string; id: string })[]>(
    `SELECT ${spec.select}, ${sortValueSql(expr, kind)} AS sort_value FROM ${spec.from}
      ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY ${expr} ${order}, ${spec.id} ${order} LIMIT ${param(query.size + 1)}`,
    ...params,
  );
  const more = fetched.length > query.size;
  const rows = fetched.slice(0, query.size);
  if (backwards) rows.reverse();
  const first = rows[0];
  const last = rows.at(-1);
  const hasNext = backwards ? true : more;
  const hasPrev = query.cursor === undefined ? false : query.cursor.direction === "after" ? true : more;
  return {
    rows,
    nextCursor: hasNext && last ? encode(query.sort, query.dir, last.sort_value, last.id) : null,
    prevCursor: hasPrev && first ? encode(query.sort, query.dir, first.sort_value, first.id) : null,
  };
}
