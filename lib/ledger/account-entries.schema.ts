// Query parameters of an account history view (page, CSV export, API): all optional strings from
// the URL, parsed into a typed filter with precise messages.
import { z } from "zod";
import { AppError, fieldErrorsFromIssues } from "../errors/app-error";
import { LedgerEntryType } from "../db/generated/enums";
import type { AccountEntryFilter } from "./list-account-entries";
import { MAX_PAGE_SIZE } from "./list-account-entries";

const ENTRY_TYPES = Object.values(LedgerEntryType) as [LedgerEntryType, ...LedgerEntryType[]];
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Dates look like 2026-11-21.")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "That date doesn't exist.");

export const accountEntriesQuerySchema = z
  .object({
    cursor: z.string().regex(/^\d{1,19}$/, "cursor must be an entry id.").optional(),
    type: z.union([z.enum(ENTRY_TYPES), z.array(z.enum(ENTRY_TYPES))]).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    limit: z.coerce.number().int("limit must be a whole number.").min(1).max(MAX_PAGE_SIZE, `limit is at most ${MAX_PAGE_SIZE}.`).optional(),
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

export function toEntryFilter(query: AccountEntriesQuery): AccountEntryFilter {
  const types = query.type === undefined ? undefined : Array.isArray(query.type) ? query.type : [query.type];
  return {
    before: query.cursor ? BigInt(query.cursor) : undefined,
    types,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    // "to" is a whole day, inclusive.
    until: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined,
    limit: query.limit,
  };
}

/** For routes: the URL's query as a filter, or a 400 naming the first bad parameter. */
export function parseAccountEntriesQuery(params: URLSearchParams): AccountEntryFilter {
  const query = accountEntriesQuerySchema.safeParse(searchParamsToObject(params));
  if (!query.success) {
    const fields = fieldErrorsFromIssues(query.error.issues);
    throw new AppError("bad_request", Object.values(fields)[0] ?? "Invalid query.", { fieldErrors: fields });
  }
  return toEntryFilter(query.data);
}
