// Property-based hostile input for the seller settings action (issue 9 part 4), invoked as a function
// with a mocked session that is the shop's owner, its manager, or a stranger: currencies, tax rates,
// invoice prefixes, languages, countries, VAT IDs (valid for every EU country, mistyped, wrong check
// digits, another country's prefix), payment terms, legal names and addresses in every shape, for the
// owner's shop, someone else's, a nonexistent or malformed id. Only owners save; everyone else hears
// the same "Not found." as for a nonexistent shop; what is saved always satisfies the rules an
// invoice relies on; no row is added or removed.
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/auth/session-user";
import { isCurrencyCode } from "@/lib/money/currency";
import { db } from "@/lib/db/client";
import { hasControlCharacters } from "@/lib/validation/text";
import { createSeller, type TestSeller } from "@/scripts/test/checkout-fixtures";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { expectInlineError, form, fuzzSession, refusalMessage, runAction, succeeded } from "@/scripts/test/fuzz/form-actions";
import { fuzzParams, hostileId, hostileString } from "@/scripts/test/fuzz/hostile";
import { hostileVatId, isValidVatId, validVatId } from "@/scripts/test/fuzz/vat-ids";
import { createTestUser, type TestUser } from "@/scripts/test/ledger-fixtures";

const session = fuzzSession;
vi.mock("@/lib/auth/current-user", async () => (await import("@/scripts/test/fuzz/form-actions")).currentUserMock);
vi.mock("@/lib/auth/auth", async () => (await import("@/scripts/test/fuzz/form-actions")).authMock);
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
vi.mock("next/navigation", async () => (await import("@/scripts/test/fuzz/form-actions")).navigationMock);

const { sellerSettingsAction } = await import("./actions");

const FIELDS = ["currency", "taxEnabled", "taxRate", "pricesIncludeTax", "invoicePrefix", "invoiceLanguage", "legalName", "address", "country", "vatId", "paymentTermsDays"];
const MISSING_ID = "cmissing0000000000000000";
type Who = "owner" | "manager" | "stranger";
let people: Record<Who, TestUser>;
let shop: TestSeller;
let strangersShop: TestSeller;

const asSession = (u: TestUser): SessionUser => ({ id: u.id, email: u.email, name: "Someone", role: u.role });
/** A field: mostly a valid value (so whole valid forms come up often), else a near miss, hostile text or nothing. */
const field = <T,>(valid: fc.Arbitrary<T>, nearMisses: string[]) =>
  fc.oneof({ weight: 16, arbitrary: valid }, { weight: 2, arbitrary: fc.constantFrom(...nearMisses) }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: fc.constant(undefined) });

beforeAll(async () => {
  people = { owner: await createTestUser(), manager: await createTestUser(), stranger: await createTestUser() };
  shop = await createSeller({ ownerId: people.owner.id });
  strangersShop = await createSeller({ ownerId: people.stranger.id });
  await db().companyMember.create({ data: { companyId: shop.id, userId: people.manager.id, role: "manager" } });
});

const settings = fc.record(
  {
    currency: field(fc.constantFrom("USD", "eur", " JPY ", "BHD", "CHF"), ["US", "XXX", "XAU", "usd1", "€"]),
    taxEnabled: fc.constantFrom("on", "", "off", undefined),
    taxRate: field(fc.oneof(fc.constantFrom("19", "7.5", "0", "100", "100.00", " 7 "), fc.integer({ min: 0, max: 100 }).map(String)), ["100.01", "101", "1e1", "-1", "19,5", "0.001", "999", "19 %"]),
    pricesIncludeTax: fc.constantFrom("on", "", undefined),
    invoicePrefix: field(fc.oneof(fc.constantFrom("INV", "inv", "RE2026"), fc.stringMatching(/^[A-Za-z0-9]{1,10}$/)), ["ABCDEFGHIJK", "IN-V", "", "ÄÖÜ", "INV 1"]),
    invoiceLanguage: field(fc.constantFrom("en", "de", "es", "fr"), ["EN", "it", "", "__proto__", "constructor"]),
    legalName: field(fc.constantFrom("Alice Shop GmbH", "", "Ünïcödé & Söhne KG", "<script>x</script> Ltd"), ["Shop\nGmbH", "x".repeat(201)]),
    address: field(fc.constantFrom("Hauptstraße 1\n10115 Berlin", "1 Main St", ""), ["x".repeat(501), "bell\u0007"]),
    country: field(fc.constantFrom("DE", "fr", " AT ", ""), ["D", "DEU", "1A", "D E"]),
    vatId: fc.oneof({ weight: 3, arbitrary: validVatId }, { weight: 2, arbitrary: fc.constant("") }, { weight: 2, arbitrary: hostileVatId }),
    paymentTermsDays: field(fc.constantFrom("14", "30", " 30 ", "14.0"), ["15", "0", "-14", "", "30 days", "1.4e1", "0x0E"]),
  },
  { requiredKeys: [] },
);

describe("seller settings under hostile input", () => {
  it("owners save settings an invoice can rely on; anyone else hears 'Not found.'; no row is added or removed", async () => {
    const before = await dbState();
    let saved = 0;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom<Who>("owner", "owner", "manager", "stranger"), fc.oneof({ weight: 3, arbitrary: fc.constant("own") }, { weight: 2, arbitrary: fc.constantFrom("strangers", "missing") }, { weight: 1, arbitrary: hostileId }), settings, async (w, ref, fields) => {
        session.user = asSession(people[w]);
        const companyId = ({ own: shop.id, strangers: strangersShop.id, missing: MISSING_ID } as Record<string, string>)[ref] ?? ref;
        const run = (id: string) => runAction(() => sellerSettingsAction({ status: "idle" }, form({ ...fields, companyId: id })));
        const outcome = await run(companyId);
        if (succeeded(outcome)) {
          saved++;
          expect((w === "owner" && ref === "own") || (w === "stranger" && ref === "strangers")).toBe(true);
          const c = await db().company.findUniqueOrThrow({ where: { id: companyId } });
          expect(isCurrencyCode(c.currency)).toBe(true);
          expect(c.taxRateBps).toBeGreaterThanOrEqual(0);
          expect(c.taxRateBps).toBeLessThanOrEqual(10_000);
          expect(c.invoicePrefix).toMatch(/^[A-Z0-9]{1,10}$/);
          expect(["en", "de", "es", "fr"]).toContain(c.invoiceLanguage);
          expect(c.country).toMatch(/^([A-Z]{2})?$/);
          expect([14, 30]).toContain(c.paymentTermsDays);
          if (c.vatId !== null) expect(isValidVatId(c.vatId), c.vatId).toBe(true);
          expect(hasControlCharacters(c.legalName)).toBe(false);
          expect(hasControlCharacters(c.address, { multiline: true })).toBe(false);
          return;
        }
        expectInlineError(outcome, FIELDS);
        const mayManage = (w === "owner" && ref === "own") || (w === "stranger" && ref === "strangers");
        // Not an owner: the same answer as for a shop that does not exist, whatever was typed.
        if (!mayManage) expect(refusalMessage(outcome)).toBe(refusalMessage(await run(MISSING_ID)));
      }),
      fuzzParams(700),
    );
    expect(saved).toBeGreaterThan(0);
    const after = await dbState();
    expect(after).toEqual(before);
  });

  it("control characters in the legal name and address are refused naming the field", async () => {
    session.user = asSession(people.owner);
    const valid = { currency: "EUR", taxEnabled: "on", taxRate: "19", invoicePrefix: "INV", invoiceLanguage: "de", legalName: "Shop GmbH", address: "Hauptstraße 1\n10115 Berlin", country: "DE", vatId: "", paymentTermsDays: "14" };
    for (const [name, bad] of [["legalName", "Shop\u0000 GmbH"], ["legalName", "Shop\nGmbH"], ["address", "Haupt\u0000straße"], ["address", "bell\u0007"]] as const) {
      const outcome = await runAction(() => sellerSettingsAction({ status: "idle" }, form({ ...valid, companyId: shop.id, [name]: bad })));
      expect(outcome.kind === "state" && Object.keys(outcome.state.fieldErrors ?? {}), `${name}=${JSON.stringify(bad)}`).toEqual([name]);
    }
  });

  it("without a session nothing is saved", async () => {
    session.user = null;
    const before = await dbState();
    expect(refusalMessage(await runAction(() => sellerSettingsAction({ status: "idle" }, form({ companyId: shop.id, currency: "EUR", taxRate: "0", invoicePrefix: "X", invoiceLanguage: "en", paymentTermsDays: "14" }))))).toMatch(/^Your session has ended/);
    expect(await dbState()).toEqual(before);
  });
});
