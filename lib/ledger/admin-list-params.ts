// Shared pieces of the admin list queries (/admin/accounts, /admin/ledger): URL search params →
// plain values, page sizes, sort direction and the keyset cursor.
//
// A cursor is the last (or first) row's sort value and id, plus the sort it was taken under. The
// sort is part of the cursor so that a stale "Next" link under a different sort is rejected with a
// message instead of comparing, say, a timestamp against a balance.
import { z } from "zod";

export const PAGE_SIZES = [10, 25, 50, 100] as const;
export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

export type SortDir = "asc" | "desc";
/** How a sort value is compared in SQL and validated when it comes back in a cursor. */
export type SortValueKind = "bigint" | "text" | "timestamp";

export interface KeysetCursor {
  /** "after": the page after this row (Next); "before": the page before it (Previous). */
  direction: "after" | "before";
  value: string;
  id: bigint;
}

export interface AdminPage<Row> {
  rows: Row[];
  /** Opaque cursors for the "Next" / "Previous" links; null when there is no such page. */
  nextCursor: string | null;
  prevCursor: string | null;
}

/** searchParams as Next hands them over: repeated keys take the first value, blanks are absent. */
export function firstValues(params: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(params)) {
    const value = Array.isArray(raw) ? raw[0] : raw;
    if (value !== undefined && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}

const BIGINT = /^-?\d{1,19}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const MAX_INT8 = 2n ** 63n - 1n;

/** True when `value` can be cast to the sort column's SQL type without an error. */
export function isValidSortValue(kind: SortValueKind, value: string): boolean {
  switch (kind) {
    case "bigint":
      return BIGINT.test(value) && BigInt(value) <= MAX_INT8 && BigInt(value) >= -MAX_INT8 - 1n;
    case "timestamp": {
      if (!TIMESTAMP.test(value)) return false;
      const ms = Date.parse(value);
      // Reject dates that Date.parse would roll over (2026-02-30).
      return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 23) === value.slice(0, 23);
    }
    case "text":
      return value.length <= 1000 && !value.includes("\u0000");
  }
}

/** SQL type a cursor's sort value is cast back to. */
export const SQL_CAST: Record<SortValueKind, string> = { bigint: "bigint", text: "text", timestamp: "timestamptz" };

/**
 * SQL for a sort value as text that survives a round trip through a URL and back into SQL exactly
 * (timestamps in UTC with microseconds, whatever the session time zone).
 */
export function sortValueSql(expr: string, kind: SortValueKind): string {
  return kind === "timestamp" ? `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` : `(${expr})::text`;
}

export function encodeCursor(sort: string, dir: SortDir, value: string, id: bigint): string {
  return Buffer.from(JSON.stringify([sort, dir, value, id.toString()]), "utf8").toString("base64url");
}

/** The cursor's parts, or null when it is not one this app wrote. */
export function decodeCursor(text: string): { sort: string; dir: SortDir; value: string; id: bigint } | null {
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(text)) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) return null;
  const [sort, dir, value, id] = parsed as unknown[];
  if (typeof sort !== "string" || (dir !== "asc" && dir !== "desc") || typeof value !== "string") return null;
  if (typeof id !== "string" || !/^\d{1,19}$/.test(id) || BigInt(id) > MAX_INT8) return null;
  return { sort, dir, value, id: BigInt(id) };
}

/**
 * Checks `after` / `before` against the parsed sort and returns the cursor, adding a zod issue with
 * a readable message when it does not fit.
 */
export function cursorFrom(
  params: { after?: string; before?: string; sort: string; dir: SortDir },
  valueKind: SortValueKind,
  ctx: z.RefinementCtx,
): KeysetCursor | undefined {
  if (params.after && params.before) {
    ctx.addIssue({ code: "custom", path: ["after"], message: "Use either the Next or the Previous link, not both (after and before)." });
    return undefined;
  }
  const text = params.after ?? params.before;
  if (!text) return undefined;
  const direction = params.after ? "after" : "before";
  const cursor = decodeCursor(text);
  if (!cursor || !isValidSortValue(valueKind, cursor.value)) {
    ctx.addIssue({ code: "custom", path: [direction], message: "This page link is malformed. Start again from the first page." });
    return undefined;
  }
  if (cursor.sort !== params.sort || cursor.dir !== params.dir) {
    ctx.addIssue({
      code: "custom",
      path: [direction],
      message: "This page link belongs to a different sort order. Start again from the first page.",
    });
    return undefined;
  }
  return { direction, value: cursor.value, id: cursor.id };
}

export const sortDirSchema = z.enum(["asc", "desc"], { error: 'Sort direction must be "asc" or "desc".' });

export const pageSizeSchema = z.coerce
  .number({ error: "Page size must be a whole number." })
  .int("Page size must be a whole number.")
  .min(1, "Page size must be at least 1.")
  .max(MAX_PAGE_SIZE, `Page size is at most ${MAX_PAGE_SIZE}.`)
  .default(DEFAULT_PAGE_SIZE);

/** An enum parameter whose message names the parameter, the bad value and the allowed values. */
export function enumParam<const T extends readonly [string, ...string[]]>(label: string, values: T) {
  return z.enum(values, {
    error: (issue) => `Unknown ${label} "${String(issue.input)}". Use one of: ${values.join(", ")}.`,
  });
}

/** Search-param results: the typed query, or the messages to show above the table. */
export type ParseResult<Q> = { ok: true; query: Q } | { ok: false; errors: string[] };

export function toParseResult<Q>(result: z.ZodSafeParseResult<Q>): ParseResult<Q> {
  if (result.success) return { ok: true, query: result.data };
  return { ok: false, errors: [...new Set(result.error.issues.map((issue) => issue.message))] };
}

/** Builds the page result from `limit + 1` rows fetched in query order (reversed for "before"). */
export function keysetPage<Row>(
  fetched: Row[],
  size: number,
  cursor: KeysetCursor | undefined,
  encode: (row: Row) => string,
): AdminPage<Row> {
  const more = fetched.length > size;
  const rows = fetched.slice(0, size);
  if (cursor?.direction === "before") rows.reverse();
  const first = rows[0];
  const last = rows[rows.length - 1];
  // Moving forward, "more" says whether a next page exists; moving backward, a previous one. The
  // other side exists because we came from it.
  const hasNext = cursor?.direction === "before" ? true : more;
  const hasPrev = cursor === undefined ? false : cursor.direction === "after" ? true : more;
  return {
    rows,
    nextCursor: hasNext && last ? encode(last) : null,
    prevCursor: hasPrev && first ? encode(first) : null,
  };
}
