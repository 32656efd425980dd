// Every page at a phone's width (390 × 844) and a desktop's (1280 × 800): nothing is wider than the
// screen, every amount is inside the viewport horizontally (no sideways scrolling to read money),
// and no table is wider than the card it sits in. Pages are found from app/ (app-pages.ts), so new
// pages are covered automatically; a new dynamic segment needs an entry in SEGMENTS below.
//
// `UPDATE_SCREENSHOTS=1 npm run test:e2e -- pages-fit` also writes the README's screenshots;
// `SCREENSHOT_ALL=1` writes every page at both widths to test-results/pages/ for a look.
import path from "node:path";
import type { Page } from "@playwright/test";
import { DEMO_COMPANIES } from "../lib/seed/demo-catalog";
import { DEMO_ADMIN, DEMO_ALICE } from "../lib/seed/demo-users";
import { FLAGSHIP_TICKERS } from "../lib/seed/demo-world";
import { appPages, type Audience } from "./app-pages";
import { expect, signInViaApi, test } from "./fixtures";

const VIEWPORTS = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1280, height: 800 },
] as const;

/** The first link on `listPath` (as the signed-in person sees it) to `prefix` + an id: a seeded row's id. */
async function firstLinkedId(page: Page, listPath: string, prefix: string): Promise<string> {
  const response = await page.request.get(listPath);
  expect(response.status(), `${listPath} answers`).toBeLessThan(400);
  const escaped = prefix.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  // Ids only: not a fixed sub-page such as /shop/ALDR/settings.
  const match = new RegExp(`href="${escaped}(?!settings")([^"/?#]+)"`).exec(await response.text());
  expect(match, `${listPath} links to a ${prefix}… page (the demo seed creates one)`).toBeTruthy();
  return decodeURIComponent(match![1]!);
}

/**
 * Values for dynamic route segments, read from the seeded data as the signed-in person. A key is a
 * segment ("[ticker]") or, where one segment name means different things, the route up to it
 * ("/invoices/[id]"); the longer key wins.
 */
const SEGMENTS: Record<string, (page: Page) => Promise<string>> = {
  "[id]": async (page) => {
    const body = (await (await page.request.get("/api/v1/accounts")).json()) as { data: { id: string; kind: string }[] };
    const personal = body.data.find((a) => a.kind === "PERSONAL");
    expect(personal, "the signed-in person has a personal account").toBeTruthy();
    return personal!.id;
  },
  // A company alice owns (so its members, products and seller settings open for her) that is listed
  // from the first day of seeded history (so /stocks/[ticker] has a price chart): ALDR.
  "[ticker]": async () => {
    const company = DEMO_COMPANIES.find((c) => c.ownerEmail === DEMO_ALICE.email && (FLAGSHIP_TICKERS as readonly string[]).includes(c.ticker));
    expect(company, "the demo seed has a listed company owned by alice").toBeTruthy();
    return company!.ticker;
  },
  // The checkout seed (lib/seed/seed-orders.ts) places orders for alice, with invoices and emails.
  "/shop/[ticker]/[productId]": async (page) => {
    const storefront = `/shop/${await SEGMENTS["[ticker]"]!(page)}`;
    return firstLinkedId(page, storefront, `${storefront}/`);
  },
  "/orders/[transactionId]": (page) => firstLinkedId(page, "/orders", "/orders/"),
  "/invoices/[id]": (page) => firstLinkedId(page, "/invoices", "/invoices/"),
  "/admin/emails/[id]": (page) => firstLinkedId(page, "/admin/emails", "/admin/emails/"),
};

/** Pages that show money: at least one amount must be found there, or the check proves nothing. */
const SHOWS_AMOUNTS = [
  "/dashboard",
  "/accounts",
  "/accounts/[id]",
  "/transfer",
  "/companies",
  "/companies/[ticker]",
  "/stocks/[ticker]",
  "/admin/accounts",
  "/admin/ledger",
  "/admin/balances",
];

/**
 * Pages being rebuilt on another branch, whose tables don't stack yet (they can use
 * app/_components/responsive-table.tsx). Remove an entry when its page lands: the check then runs.
 */
const BEING_REBUILT: Record<string, string> = {};

/** Some history for alice, so the chart, the history and the screenshots have something to show. */
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInViaApi(page, DEMO_ALICE.email, DEMO_ALICE.password);
  const accounts = (await (await page.request.get("/api/v1/accounts")).json()) as { data: { id: string; kind: string }[] };
  const from = accounts.data.find((a) => a.kind === "PERSONAL")!.id;
  const entries = (await (await page.request.get(`/api/v1/accounts/${from}/entries?limit=5`)).json()) as { data: unknown[] };
  if (entries.data.length < 5) {
    for (const [amount, description] of [["4250", "Coffee beans"], ["120000", "Rent share"], ["1999", "Book: double entry for beginners"], ["35000", "Concert tickets"]]) {
      const response = await page.request.post("/api/v1/transfers", {
        headers: { "idempotency-key": `pages-fit-${from}-${amount}` },
        data: { fromAccountId: from, to: "bob@countinghouse.test", amount, description },
      });
      expect(response.status(), await response.text()).toBeLessThan(300);
    }
  }
  await context.close();
});

async function signIn(page: Page, audience: Audience) {
  if (audience === "admin") await signInViaApi(page, DEMO_ADMIN.email, DEMO_ADMIN.password);
  if (audience === "member") await signInViaApi(page, DEMO_ALICE.email, DEMO_ALICE.password);
}

async function resolve(page: Page, route: string): Promise<string> {
  let url = route;
  for (const segment of route.match(/\[[^\]]+\]/g) ?? []) {
    const value = SEGMENTS[route.slice(0, route.indexOf(segment) + segment.length)] ?? SEGMENTS[segment];
    if (!value) throw new Error(`pages-fit: no value for ${segment} in ${route}; add one to SEGMENTS`);
    url = url.replace(segment, await value(page));
  }
  return url;
}

interface Layout {
  scrollWidth: number;
  innerWidth: number;
  amounts: { text: string; left: number; right: number; clippedBy: string | null }[];
  wideTables: { caption: string; width: number; room: number }[];
}

/** Measured in the page: document width, every visible amount's box, every table against its box. */
function measure(): Layout {
  const amounts: Layout["amounts"] = [];
  for (const el of document.querySelectorAll<HTMLElement>("#main .tabular-nums, #main [data-amount]")) {
    const text = el.textContent?.trim() ?? "";
    const rect = el.getBoundingClientRect();
    if (!/\d/.test(text) || rect.width === 0 || el.closest("[hidden], details:not([open])")) continue;
    // A scrolling or clipping ancestor hides what lies outside its own box.
    let clippedBy: string | null = null;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const style = getComputedStyle(a);
      if (style.overflowX === "visible") continue;
      const box = a.getBoundingClientRect();
      if (rect.left < box.left - 1 || rect.right > box.right + 1) clippedBy = `${a.tagName.toLowerCase()}.${a.className}`.slice(0, 80);
    }
    amounts.push({ text, left: rect.left, right: rect.right, clippedBy });
  }
  const wideTables: Layout["wideTables"] = [];
  for (const table of document.querySelectorAll<HTMLElement>("#main table")) {
    const room = table.parentElement!.clientWidth;
    const width = table.getBoundingClientRect().width;
    if (width > room + 1) wideTables.push({ caption: table.querySelector("caption")?.textContent ?? "", width, room });
  }
  return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth, amounts, wideTables };
}

test.describe.configure({ mode: "parallel" });

for (const viewport of VIEWPORTS) {
  for (const { route, audience } of appPages()) {
    test(`${route} fits a ${viewport.name} (${viewport.width} px)`, async ({ page }) => {
      const rebuilt = BEING_REBUILT[`${route} ${viewport.name}`];
      test.fixme(rebuilt !== undefined, rebuilt);
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await signIn(page, audience);
      const url = await resolve(page, route);
      const response = await page.goto(url);
      expect(response?.status(), `${url} answers`).toBeLessThan(400);
      await page.waitForLoadState("networkidle");

      const layout = await page.evaluate(measure);
      expect(layout.scrollWidth, `${url} is no wider than the screen`).toBeLessThanOrEqual(layout.innerWidth);
      expect(layout.wideTables, `${url}: tables fit their cards`).toEqual([]);
      if (SHOWS_AMOUNTS.includes(route)) expect(layout.amounts.length, `${url} shows amounts`).toBeGreaterThan(0);
      for (const amount of layout.amounts) {
        expect(amount.left, `${amount.text} starts inside the screen`).toBeGreaterThanOrEqual(0);
        expect(amount.right, `${amount.text} ends inside the screen`).toBeLessThanOrEqual(layout.innerWidth);
        expect(amount.clippedBy, `${amount.text} is not cut off or scrolled away`).toBeNull();
      }

      if (process.env.SCREENSHOT_ALL) {
        const name = `${route.replace(/\W+/g, "-").replace(/^-|-$/g, "") || "root"}-${viewport.name}.png`;
        await page.screenshot({ path: path.join(import.meta.dirname, "..", "test-results", "pages", name), fullPage: true });
      }
      if (process.env.UPDATE_SCREENSHOTS && (route === "/dashboard" || route === "/accounts/[id]")) {
        const name = `screenshot-${route === "/dashboard" ? "dashboard" : "history"}-${viewport.name}.png`;
        await page.screenshot({ path: path.join(import.meta.dirname, "..", "public", name), fullPage: viewport.name === "phone" });
      }
    });
  }
}

test("the page list comes from app/ and includes the pages this suite was written for", () => {
  const routes = appPages().map((p) => p.route);
  expect(routes.length).toBeGreaterThan(0);
  for (const route of ["/dashboard", "/accounts", "/accounts/[id]", "/transfer", "/settings", "/admin", "/admin/accounts", "/admin/ledger", "/admin/balances"]) {
    expect(routes).toContain(route);
  }
});
