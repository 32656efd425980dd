import { describe, expect, it } from "vitest";
import { hrefWith, valuesFromForm } from "./search-href";

describe("hrefWith", () => {
  it("keeps filters, applies changes and drops the page cursor", () => {
    expect(hrefWith("/admin/ledger", { type: "refund", after: "abc", size: "50" }, { sort: "amount", dir: "asc" })).toBe(
      "/admin/ledger?type=refund&size=50&sort=amount&dir=asc",
    );
    expect(hrefWith("/admin/ledger", { type: "refund", before: "x" }, { after: "next" })).toBe("/admin/ledger?type=refund&after=next");
    expect(hrefWith("/admin/accounts", { q: "" }, { kind: undefined })).toBe("/admin/accounts");
  });

  it("encodes values", () => {
    expect(hrefWith("/admin/accounts", { q: "a&b=c #1" })).toBe("/admin/accounts?q=a%26b%3Dc+%231");
  });

  it("reads a filter form without its blanks", () => {
    const form = new FormData();
    form.set("q", " acme ");
    form.set("kind", "");
    expect(valuesFromForm(form)).toEqual({ q: "acme" });
  });
});
