// Property-based hostile input for what the pages accept in their URLs and forms (issue 9 part 4),
// at the parsers the pages call: the admin lists' searchParams, the history filter, the transfer and
// sign-up forms. A parser never throws on input; it returns a value or errors that say what is wrong.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { signUpSchema } from "../auth/sign-up.schema";
import { fuzzParams, hostileAmount, hostileDate, hostileId, hostileString } from "../../scripts/test/fuzz/hostile";
import { accountEntriesQuerySchema, searchParamsToObject } from "./account-entries.schema";
import { parseAdminAccountsParams } from "./admin-list-accounts.schema";
import { parseAdminEntriesParams } from "./admin-list-entries.schema";
import { decodeCursor } from "./admin-list-params";
import { transferInputSchema } from "./transfer.schema";

const value = fc.oneof(hostileString, hostileId, hostileDate, fc.constantFrom("asc", "desc", "id", "balance", "25", "100", "USD", "PERSONAL"));
const searchParams = fc.dictionary(
  fc.oneof(fc.constantFrom("sort", "dir", "size", "cursor", "after", "q", "kind", "currency", "status", "type", "from", "to", "account", "min", "max"), fc.string({ maxLength: 8 })),
  fc.oneof(value, fc.array(value, { maxLength: 3 })),
  { maxKeys: 6 },
);

describe("page parameter parsers under hostile input", () => {
  it("admin accounts and ledger lists: a query or a list of messages, never a throw", () => {
    fc.assert(
      fc.property(searchParams, (params) => {
        for (const result of [parseAdminAccountsParams(params), parseAdminEntriesParams(params)]) {
          if (!result.ok) {
            expect(result.errors.length).toBeGreaterThan(0);
            for (const message of result.errors) expect(message.length).toBeGreaterThan(0);
          }
        }
      }),
      fuzzParams(1500),
    );
  });

  it("keyset cursors from the URL decode to a cursor or null", () => {
    fc.assert(
      fc.property(fc.oneof(hostileString, fc.base64String(), fc.string()), (text) => {
        const cursor = decodeCursor(text);
        if (cursor) expect(cursor.id).toBeTypeOf("bigint");
      }),
      fuzzParams(1000),
    );
  });

  it("the history filter (page, CSV, API): a filter or errors on the parameters it names", () => {
    fc.assert(
      fc.property(searchParams, (params) => {
        const result = accountEntriesQuerySchema.safeParse(searchParamsToObject(params));
        if (!result.success) for (const issue of result.error.issues) expect(["cursor", "after", "type", "from", "to", "q", "min", "max", "limit"]).toContain(String(issue.path[0]));
      }),
      fuzzParams(1500),
    );
  });

  it("the transfer and sign-up forms: parsed values or errors on their own fields", () => {
    fc.assert(
      fc.property(
        fc.record({ fromAccountId: hostileId, to: hostileString, amount: hostileAmount.map(String), description: hostileString, idempotencyKey: hostileString, name: hostileString, email: hostileString, password: hostileString }),
        (f) => {
          const transfer = transferInputSchema.safeParse(f);
          if (!transfer.success) for (const issue of transfer.error.issues) expect(["fromAccountId", "to", "amount", "description", "idempotencyKey"]).toContain(String(issue.path[0]));
          const signUp = signUpSchema.safeParse(f);
          if (!signUp.success) for (const issue of signUp.error.issues) expect(["name", "email", "password"]).toContain(String(issue.path[0]));
        },
      ),
      fuzzParams(1500),
    );
  });
});
