import { describe, expect, it } from "vitest";
import { encodeCursor } from "./admin-list-params";
import { parseAdminAccountsParams } from "./admin-list-accounts.schema";

function errorsOf(params: Record<string, string>): string[] {
  const result = parseAdminAccountsParams(params);
  if (result.ok) throw new Error("expected errors");
  return result.errors;
}

describe("parseAdminAccountsParams", () => {
  it("defaults to id ascending, 25 a page, no filters", () => {
    expect(parseAdminAccountsParams({})).toEqual({ ok: true, query: { sort: "id", dir: "asc", size: 25 } });
  });

  it("reads filters, normalising case, and ignores blanks and unknown parameters", () => {
    const result = parseAdminAccountsParams({ kind: "company", currency: "eur", status: "open", q: " acme ", size: "10", sort: "balance", dir: "desc", kindx: "?", after: "" });
    expect(result).toEqual({
      ok: true,
      query: { sort: "balance", dir: "desc", kind: "COMPANY", currency: "EUR", status: "OPEN", q: "acme", size: 10 },
    });
  });

  it("accepts a cursor written under the same sort", () => {
    const after = encodeCursor("lastUpdated", "desc", "2026-01-02T03:04:05.678000Z", 7n);
    const result = parseAdminAccountsParams({ sort: "lastUpdated", dir: "desc", after });
    expect(result.ok && result.query.cursor).toEqual({ direction: "after", value: "2026-01-02T03:04:05.678000Z", id: 7n });
  });

  it.each([
    [{ sort: "password_hash" }, /Unknown sort column "password_hash"\. Use one of: id, name, owner/],
    [{ dir: "sideways" }, /Sort direction must be "asc" or "desc"/],
    [{ kind: "ROBOT" }, /Unknown account kind "ROBOT"/],
    [{ status: "frozen" }, /Unknown account status "FROZEN"/],
    [{ currency: "ZZZ" }, /Unknown currency "ZZZ"/],
    [{ size: "0" }, /at least 1/],
    [{ size: "1000" }, /at most 100/],
    [{ size: "ten" }, /whole number/],
    [{ q: "x".repeat(201) }, /200 characters/],
    [{ after: "garbage!" }, /malformed/],
    [{ after: encodeCursor("balance", "asc", "1", 1n) }, /different sort order/],
    [{ sort: "balance", after: encodeCursor("balance", "asc", "not-a-number", 1n) }, /malformed/],
    [{ after: encodeCursor("id", "asc", "1", 1n), before: encodeCursor("id", "asc", "1", 1n) }, /not both/],
  ])("rejects %j with a readable message", (params, message) => {
    expect(errorsOf(params).join("\n")).toMatch(message);
  });

  it("reports every problem at once", () => {
    expect(errorsOf({ sort: "nope", kind: "nope" })).toHaveLength(2);
  });
});
