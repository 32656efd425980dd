import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { parseAccountEntriesQuery } from "./account-entries.schema";

function refusal(query: string): { message: string; fields: Record<string, string> } {
  try {
    parseAccountEntriesQuery(new URLSearchParams(query));
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(400);
    return { message: (error as AppError).message, fields: (error as AppError).fieldErrors ?? {} };
  }
  throw new Error(`${query} was accepted`);
}

describe("parseAccountEntriesQuery", () => {
  it("parses a full query", () => {
    expect(parseAccountEntriesQuery(new URLSearchParams("cursor=9223372036854775807&type=transfer&type=refund&from=2024-02-29&to=2026-11-21&limit=50"))).toEqual({
      before: 2n ** 63n - 1n,
      types: ["transfer", "refund"],
      from: new Date("2024-02-29T00:00:00Z"),
      until: new Date("2026-11-22T00:00:00Z"),
      limit: 50,
    });
  });

  it("refuses a cursor beyond the 64-bit range", () => {
    expect(refusal("cursor=9223372036854775808").fields).toEqual({ cursor: "cursor is larger than any entry id." });
    expect(refusal("cursor=99999999999999999999").fields).toHaveProperty("cursor");
  });

  it("refuses year 0 and impossible dates instead of rolling them over", () => {
    expect(refusal("from=0000-01-01").fields).toEqual({ from: "from must be between 1900-01-01 and 2999-12-31." });
    expect(refusal("to=2026-02-30").fields).toEqual({ to: "to: 2026-02-30 is not a date on the calendar." });
  });

  it("lists the valid entry types, keyed by the parameter", () => {
    const { fields, message } = refusal("type=transfer&type=bogus");
    expect(Object.keys(fields)).toEqual(["type"]);
    expect(message).toBe(
      "type must be one of: initial_deposit, transfer, product_purchase, product_cost, marketplace_batch, stock_purchase, stock_sale, checkout_payment, checkout_tax, refund, adjustment.",
    );
  });

  it("refuses a bad limit in a sentence", () => {
    expect(refusal("limit=0").message).toBe("limit must be at least 1.");
    expect(refusal("limit=1.5").message).toBe("limit must be a whole number.");
  });
});
