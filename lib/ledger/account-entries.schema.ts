// Query parameters of an account history view (page, CSV export, API): all optional strings from
// the URL, parsed into a typed filter with precise messages. Every value that reaches SQL is
// checked to fit its column first (entry ids in BIGINT, dates that exist and that PostgreSQL can
// store), so bad input is a 400 naming the parameter, never a database error.
import { z } from "zod";
import { AppError } from "../errors/app-error";
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
      .refine((c) => BigInt(c) <= MAX_ENTRY_ID, "cursor is larger than any entry id.")
      .optional(),
    type: z
      .preprocess((v) => (typeof v === "string" ? [v] : v), z.array(z.enum(ENTRY_TYPES, { error: TYPE_MESSAGE }), { error: TYPE_MESSAGE }))
      .optional(),
    from: isoDateSchema("from").optional(),
    to: isoDateSchema("to").optional(),
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

export function toEntryFilter(query: AccountEntriesQuery): AccountEntryFilter {
  return {
    before: query.cursor ? BigInt(query.cursor) : undefined,
    types: query.type,
    from: query.from ? new Date(`${query.from}T00:00:00Z`) : undefined,
    // "to" is a whole day, inclusive.
    until: query.to ? new Date(Date.parse(`${query.to}T00:00:00Z`) + 86_400_000) : undefined,
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
export function parseAccountEntriesQuery(params: URLSearchParams): AccountEntryFilter {
  const query = accountEntriesQuerySchema.safeParse(searchParamsToObject(params));
  if (!query.success) {
    const fields = queryFieldErrors(query.error.issues);
    throw new AppError("bad_request", Object.values(fields)[0] ?? "Invalid query.", { fieldErrors: fields });
  }
  return toEntryFilter(query.data);
}
