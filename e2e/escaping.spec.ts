// Rendered pages escape user text (issue 9 part 4): a player named with HTML and a transfer
// description full of markup show up as text on every page that renders them — the sender's and the
// recipient's history, the dashboard, the admin lists — and never run.
import { test, expect } from "@playwright/test";
import { DEMO_ADMIN, DEMO_ALICE } from "../lib/seed/demo-users";
import { signInViaApi, signUpViaApi, uniqueEmail } from "./fixtures";

const NAME = `<script>window.__xss="name"</script><img src=x onerror="window.__xss='img'">Mallory`;
const DESCRIPTION = `<script>window.__xss="description"</script><b onmouseover="window.__xss='b'">hi</b>`;
const RAW_MARKUP = [/<script>window\.__xss/, /<img src=x onerror/, /<b onmouseover/];

function expectEscaped(html: string, where: string): void {
  for (const raw of RAW_MARKUP) expect(raw.test(html), `${where} contains live markup ${raw}`).toBe(false);
}

test("names and descriptions with HTML render as text everywhere", async ({ page, browser }) => {
  const mallory = await signUpViaApi(page, { name: NAME, email: uniqueEmail("xss"), password: "correct-horse-battery" });
  await signInViaApi(page, mallory.email, mallory.password);
  const accounts = (await (await page.request.get("/api/v1/accounts")).json()) as { data: { id: string }[] };
  const from = accounts.data[0]!.id;
  const sent = await page.request.post("/api/v1/transfers", {
    headers: { "idempotency-key": `xss-${Date.now()}` },
    data: { fromAccountId: from, to: DEMO_ALICE.email, amount: "123", description: DESCRIPTION },
  });
  expect(sent.status(), await sent.text()).toBe(201);

  for (const path of [`/accounts/${from}`, "/dashboard", "/accounts", "/settings"]) {
    const html = await (await page.request.get(path)).text();
    expectEscaped(html, path);
  }
  const history = await (await page.request.get(`/accounts/${from}`)).text();
  expect(history).toContain("&lt;b onmouseover=");

  // In a browser, nothing ran.
  await page.goto(`/accounts/${from}`);
  await expect(page.getByText("hi</b>", { exact: false }).first()).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();

  // The recipient and the admin see Mallory's name and description as text too.
  for (const [email, password, paths] of [
    [DEMO_ALICE.email, DEMO_ALICE.password, ["/dashboard", "/accounts"]],
    [DEMO_ADMIN.email, DEMO_ADMIN.password, ["/admin", "/admin/ledger", "/admin/accounts"]],
  ] as const) {
    const context = await browser.newContext();
    const other = await context.newPage();
    await signInViaApi(other, email, password);
    for (const path of paths) {
      const response = await other.request.get(path);
      expect(response.status(), path).toBe(200);
      expectEscaped(await response.text(), `${path} as ${email}`);
    }
    await other.goto(paths[paths.length - 1]!);
    expect(await other.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    await context.close();
  }
});
