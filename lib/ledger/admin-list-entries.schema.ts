// URL search params of /admin/ledger → a typed query. Sort keys are whitelisted here; each maps to
// a ledger_entries column in admin-list-entries.ts.
import { z } from "zod";
import { EARLIEST_DATE, LATEST_DATE, isoDateProblem } from "../validation/iso-date";
import { LedgerEntryType } from "../db/generated/enums";
import { isCurrencyCode } from "../money/currency";
import { nextIsoDate, startOfDayInZone } from "../time/time-zone";
import {
  cursorFrom,
  enumParam,
  firstValues,
  pageSizeSchema,
  sortDirSchema,
  toParseResult,
  type KeysetCursor,
  type ParseResult,
  type SortDir,
  type SortValueKind,
} from "./admin-list-params";

export const ENTRY_SORT_KEYS = ["id", "createdAt", "amount"] as const;
export type EntrySortKey = (typeof ENTRY_SORT_KEYS)[number];

export const ENTRY_SORT_VALUE_KIND: Record<EntrySortKey, SortValueKind> = {
  id: "bigint",
  createdAt: "timestamp",
  amount: "bigint",
};

const ENTRY_TYPES = Object.values(LedgerEntryType) as [LedgerEntryType, ...LedgerEntryType[]];
const DAY_MS = 86_400_000;

export interface AdminEntriesQuery {
  sort: EntrySortKey;
  dir: SortDir;
  type?: LedgerEntryType;
  currency?: string;
  /** Entries with this account on either side. */
  accountId?: bigint;
  /** Inclusive start (midnight UTC of the "from" day). */
  from?: Date;
  /** Exclusive end (midnight UTC after the "to" day: the "to" day is included). */
  until?: Date;
  size: number;
  cursor?: KeysetCursor;
}

const isoDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label} dates look like 2026-11-21.`)
    .refine((d) => {
      const ms = Date.parse(`${d}T00:00:00Z`);
      return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d);
    }, `${label} date doesn't exist.`)
    // Year 0 and friends parse in JavaScript but fail in PostgreSQL.
    .refine((d) => isoDateProblem(d) !== "range", `${label} dates must be between ${EARLIEST_DATE} and ${LATEST_DATE}.`);

const schema = z
  .object({
    sort: enumParam("sort column", ENTRY_SORT_KEYS).default("id"),
    dir: sortDirSchema.default("desc"),
    type: enumParam("entry type", ENTRY_TYPES).optional(),
    currency: z
      .string()
      .transform((v) => v.toUpperCase())
      .refine(isCurrencyCode, { error: (issue) => `Unknown currency "${String(issue.input)}": use an ISO 4217 code such as USD.` })
      .optional(),
    account: z
      .string()
      .regex(/^#?\d{1,18}$/, "Account must be an account number such as 12 or #12.")
      .transform((v) => BigInt(v.replace("#", "")))
      .optional(),
    from: isoDate("From").optional(),
    to: isoDate("To").optional(),
    size: pageSizeSchema,
    after: z.string().optional(),
    before: z.string().optional(),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { message: "The From date must be on or before the To date.", path: ["to"] })
  .transform((p, ctx): AdminEntriesQuery => {
    const cursor = cursorFrom(p, ENTRY_SORT_VALUE_KIND[p.sort], ctx);
    return {
      sort: p.sort,
      dir: p.dir,
      type: p.type,
      currency: p.currency,
      accountId: p.account,
      from: p.from ? new Date(`${p.from}T00:00:00Z`) : undefined,
      until: p.to ? new Date(Date.parse(`${p.to}T00:00:00Z`) + DAY_MS) : undefined,
      size: p.size,
      cursor,
    };
  });

/**
 * Parses /admin/ledger search params. Unknown parameters are ignored. From/To are calendar days in
 * `timeZone` (the admin's own, so they match the times shown); UTC by default.
 */
export function parseAdminEntriesParams(params: Record<string, string | string[] | undefined>, timeZone = "UTC"): ParseResult<AdminEntriesQuery> {
  const values = firstValues(params);
  const result = toParseResult(schema.safeParse(values));
  if (!result.ok || timeZone === "UTC") return result;
  const from = result.query.from && values.from ? startOfDayInZone(values.from, timeZone) : undefined;
  const until = result.query.until && values.to ? startOfDayInZone(nextIsoDate(values.to), timeZone) : undefined;
  return { ok: true, query: { ...result.query, from, until } };
}
