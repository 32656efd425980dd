import { describe, expect, it } from "vitest";
import { encodeCursor } from "./admin-list-params";
import { parseAdminEntriesParams } from "./admin-list-entries.schema";

function errorsOf(params: Record<string, string>): string {
  const result = parseAdminEntriesParams(params);
  if (result.ok) throw new Error("expected errors");
  return result.errors.join("\n");
}

describe("parseAdminEntriesParams", () => {
  it("defaults to newest first", () => {
    expect(parseAdminEntriesParams({})).toEqual({ ok: true, query: { sort: "id", dir: "desc", size: 25 } });
  });

  it("reads filters; the To day is included (exclusive bound at the next midnight UTC)", () => {
    const result = parseAdminEntriesParams({ type: "transfer", currency: "usd", account: "#42", from: "2026-02-28", to: "2026-02-28", sort: "amount", dir: "asc", size: "50" });
    expect(result).toEqual({
      ok: true,
      query: {
        sort: "amount",
        dir: "asc",
        type: "transfer",
        currency: "USD",
        accountId: 42n,
        from: new Date("2026-02-28T00:00:00Z"),
        until: new Date("2026-03-01T00:00:00Z"),
        size: 50,
      },
    });
  });

  it("accepts a Previous cursor under the same sort", () => {
    const before = encodeCursor("createdAt", "desc", "2026-01-02T03:04:05.678000Z", 7n);
    const result = parseAdminEntriesParams({ sort: "createdAt", before });
    expect(result.ok && result.query.cursor).toEqual({ direction: "before", value: "2026-01-02T03:04:05.678000Z", id: 7n });
  });

  it.each([
    [{ sort: "description" }, /Unknown sort column "description"\. Use one of: id, createdAt, amount/],
    [{ type: "theft" }, /Unknown entry type "theft"/],
    [{ currency: "dollars" }, /Unknown currency/],
    [{ account: "alice" }, /account number such as 12/],
    [{ account: "1234567890123456789012" }, /account number/],
    [{ from: "yesterday" }, /From dates look like 2026-11-21/],
    [{ to: "2026-02-30" }, /To date doesn't exist/],
    [{ from: "2026-03-02", to: "2026-03-01" }, /on or before/],
    [{ after: encodeCursor("id", "asc", "5", 5n) }, /different sort order/],
    [{ sort: "createdAt", after: encodeCursor("createdAt", "desc", "2026-13-01T00:00:00.000000Z", 5n) }, /malformed/],
  ])("rejects %j with a readable message", (params, message) => {
    expect(errorsOf(params)).toMatch(message);
  });
});

describe("admin ledger date range", () => {
  it("refuses year 0, which PostgreSQL cannot store", () => {
    expect(errorsOf({ from: "0000-01-01" })).toBe("From dates must be between 1900-01-01 and 2999-12-31.");
  });
});
