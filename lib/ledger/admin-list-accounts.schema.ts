// URL search params of /admin/accounts → a typed query. Every sort key is whitelisted here; the
// SQL expression for each lives in admin-list-accounts.ts.
import { z } from "zod";
import { AccountKind, AccountStatus } from "../db/generated/enums";
import { isCurrencyCode } from "../money/currency";
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

export const ACCOUNT_SORT_KEYS = ["id", "name", "owner", "kind", "currency", "status", "balance", "lastUpdated"] as const;
export type AccountSortKey = (typeof ACCOUNT_SORT_KEYS)[number];

export const ACCOUNT_SORT_VALUE_KIND: Record<AccountSortKey, SortValueKind> = {
  id: "bigint",
  name: "text",
  owner: "text",
  kind: "text",
  currency: "text",
  status: "text",
  balance: "bigint",
  lastUpdated: "timestamp",
};

const KINDS = Object.values(AccountKind) as [AccountKind, ...AccountKind[]];
const STATUSES = Object.values(AccountStatus) as [AccountStatus, ...AccountStatus[]];

export interface AdminAccountsQuery {
  sort: AccountSortKey;
  dir: SortDir;
  kind?: AccountKind;
  currency?: string;
  status?: AccountStatus;
  /** Name, owner email, company name or ticker (substring), or an account id ("#12" or "12"). */
  q?: string;
  size: number;
  cursor?: KeysetCursor;
}

const schema = z
  .object({
    sort: enumParam("sort column", ACCOUNT_SORT_KEYS).default("id"),
    dir: sortDirSchema.default("asc"),
    kind: z.preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), enumParam("account kind", KINDS)).optional(),
    currency: z
      .string()
      .transform((v) => v.toUpperCase())
      .refine(isCurrencyCode, { error: (issue) => `Unknown currency "${String(issue.input)}": use an ISO 4217 code such as USD.` })
      .optional(),
    status: z.preprocess((v) => (typeof v === "string" ? v.toUpperCase() : v), enumParam("account status", STATUSES)).optional(),
    q: z
      .string()
      .max(200, "Search is limited to 200 characters.")
      .refine((v) => !v.includes("\u0000"), "Search contains a character that cannot be searched for.")
      .optional(),
    size: pageSizeSchema,
    after: z.string().optional(),
    before: z.string().optional(),
  })
  .transform((p, ctx): AdminAccountsQuery => {
    const cursor = cursorFrom(p, ACCOUNT_SORT_VALUE_KIND[p.sort], ctx);
    return { sort: p.sort, dir: p.dir, kind: p.kind, currency: p.currency, status: p.status, q: p.q, size: p.size, cursor };
  });

/** Parses /admin/accounts search params. Unknown parameters are ignored. */
export function parseAdminAccountsParams(params: Record<string, string | string[] | undefined>): ParseResult<AdminAccountsQuery> {
  return toParseResult(schema.safeParse(firstValues(params)));
}
