// Query parameters of an account history view (page, CSV export, API): all optional strings from
// the URL, parsed into a typed filter with precise messages. Every value that reaches SQL is
// checked to fit its column first (entry ids in BIGINT, dates that exist and that PostgreSQL can
// store), so bad input is a 400 naming the parameter, never a database error.
import { z } from "zod";
import { AppError, isAppError } from "../errors/app-error";
import { parseAmount } from "../money/amount";
import { nextIsoDate, startOfDayInZone } from "../time/time-zone";
import { plainText } from "../validation/text";
import { LedgerEntryType } from "../db/generated/enums";
import { isoDateSchema } from "../validation/iso-date";
import type { AccountEntryFilter } from "./list-account-entries";
import { MAX_PAGE_SIZE } from "./list-account-entries";

const ENTRY_TYPES = Object.values(LedgerEntryType) as [LedgerEntryType, ...LedgerEntryType[]];
const MAX_ENTRY_ID = 2n ** 63n - 1n;
const TYPE_MESSAGE = `type must be one of: ${ENTRY_TYPES.join(", ")}.`;

export const accountEntriesQuerySchema = z
  .object({
    cursor: z
      .string()
      .regex(/^\d{1,19}$/, "cursor must be an entry id (a whole number).")
      .refine((c) => !/^\d{1,19}$/.test(c) || BigInt(c) <= MAX_ENTRY_ID, "cursor is larger than any entry id.")
      .optional(),
    after: z
      .string()
      .regex(/^\d{1,19}$/, "after must be an entry id (a whole number).")
      .refine((c) => !/^\d{1,19}$/.test(c) || BigInt(c) <= MAX_ENTRY_ID, "after is larger than any entry id.")
      .optional(),
    type: z
      .preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.enum(ENTRY_TYPES, { error: TYPE_MESSAGE }), { error: TYPE_MESSAGE }))
      .optional(),
    from: isoDateSchema("from").optional(),
    to: isoDateSchema("to").optional(),
    q: plainText("Search must not contain control characters.").pipe(z.string().trim().max(100, "Search for at most 100 characters.")).optional(),
    min: plainText("The smallest amount must not contain control characters.").pipe(z.string().max(40, "The smallest amount is too long.")).optional(),
    max: plainText("The largest amount must not contain control characters.").pipe(z.string().max(40, "The largest amount is too long.")).optional(),
    limit: z
      .string()
      .regex(/^\d{1,9}$/, "limit must be a whole number.")
      .transform(Number)
      .pipe(z.number().min(1, "limit must be at least 1.").max(MAX_PAGE_SIZE, `limit is at most ${MAX_PAGE_SIZE}.`))
      .optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "The start date must be on or before the end date.", path: ["to"] });

export type AccountEntriesQuery = z.infer<typeof accountEntriesQuerySchema>;

/** searchParams (page) or URLSearchParams (route) → plain object with arrays for repeated keys. */
export function searchParamsToObject(params: URLSearchParams | Record<string, string | string[] | undefined>): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  const entries = params instanceof URLSearchParams ? [...params.entries()] : Object.entries(params).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as const) : v === undefined || v === "" ? [] : [[k, v] as const]));
  for (const [key, value] of entries) {
    if (value === "") continue;
    const existing = out[key];
    out[key] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return out;
}

export interface EntryFilterOptions {
  /** The account's currency: needed to read the min/max amounts; without it they are ignored. */
  currency?: string;
  /** The zone whose calendar days `from` and `to` name (the page: the person's; the API: UTC). */
  timeZone?: string;
  /** How the person writes numbers, for min/max ("1,000.00" in English). */
  locale?: string;
}

/** Throws an invalid_input AppError naming `min` or `max` when an amount bound can't be read. */
export function toEntryFilter(query: AccountEntriesQuery, options: EntryFilterOptions = {}): AccountEntryFilter {
  const types = query.type === undefined ? undefined : Array.isArray(query.type) ? query.type : [query.type];
  const timeZone = options.timeZone ?? "UTC";
  const amount = (field: "min" | "max") => {
    const text = query[field]?.trim();
    if (!text || !options.currency) return undefined;
    try {
      return parseAmount(text, options.currency, options.locale);
    } catch (error) {
      if (!isAppError(error)) throw error;
      const message = `${field === "min" ? "Smallest" : "Largest"} amount: ${error.message}`;
      throw new AppError("invalid_input", message, { fieldErrors: { [field]: message } });
    }
  };
  const minAmount = amount("min");
  const maxAmount = amount("max");
  if (minAmount !== undefined && maxAmount !== undefined && minAmount > maxAmount) {
    const message = "The smallest amount must not be larger than the largest.";
    throw new AppError("invalid_input", message, { fieldErrors: { max: message } });
  }
  return {
    before: query.cursor ? BigInt(query.cursor) : undefined,
    after: query.after && !query.cursor ? BigInt(query.after) : undefined,
    types,
    from: query.from ? startOfDayInZone(query.from, timeZone) : undefined,
    // "to" is a whole day, inclusive.
    until: query.to ? startOfDayInZone(nextIsoDate(query.to), timeZone) : undefined,
    search: query.q || undefined,
    minAmount,
    maxAmount,
    limit: query.limit,
  };
}

/** Messages keyed by query parameter (`type`, not `type.2`), first message per parameter. */
export function queryFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) out[String(issue.path[0] ?? "query")] ??= issue.message;
  return out;
}

/** For routes: the URL's query as a filter, or a 400 naming the first bad parameter. */
export function parseAccountEntriesQuery(params: URLSearchParams, options: EntryFilterOptions = {}): AccountEntryFilter {
  const query = accountEntriesQuerySchema.safeParse(searchParamsToObject(params));
  if (!query.success) {
    const fields = queryFieldErrors(query.error.issues);
    throw new AppError("bad_request", Object.values(fields)[0] ?? "Invalid query.", { fieldErrors: fields });
  }
  try {
    return toEntryFilter(query.data, options);
  } catch (error) {
    if (isAppError(error)) throw new AppError("bad_request", error.message, { fieldErrors: error.fieldErrors });
    throw error;
  }
}
