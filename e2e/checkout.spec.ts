// Checkout as people use it, at desktop and phone widths: bob buys two products and a ticket with
// his balance, sees his ticket, opens the invoice and its PDF, and the (fake) email provider got
// the invoice email; a business buys on invoice and the seller marks it paid.
import type { Browser, Page } from "@playwright/test";
import { DEMO_ALICE } from "../lib/seed/demo-users";
import { expect, signInViaApi, signUpViaApi, test, uniqueEmail } from "./fixtures";

const VIEWPORTS = [
  { name: "desktop", viewport: { width: 1280, height: 900 } },
  { name: "phone", viewport: { width: 390, height: 844 } },
] as const;

async function newUser(browser: Browser, name: string, viewport: { width: number; height: number }): Promise<{ page: Page; email: string }> {
  const page = await (await browser.newContext({ viewport })).newPage();
  const user = await signUpViaApi(page, { name, email: uniqueEmail(name.toLowerCase()), password: "correct-horse-battery" });
  await signInViaApi(page, user.email, user.password);
  return { page, email: user.email };
}

async function expectNoHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `page ${page.url()} overflows horizontally`).toBeLessThanOrEqual(0);
}

async function addToCart(page: Page, name: string): Promise<void> {
  const form = page.locator("form").filter({ has: page.getByRole("button", { name: `Add ${name} to cart` }) });
  await form.getByRole("button", { name: `Add ${name} to cart` }).click();
  await expect(form.getByRole("status")).toContainText("Added");
}

async function fakeResendDelivered(): Promise<{ headers: Record<string, string>; body: { to: string[]; subject: string; html: string; attachments: { filename: string }[] } }[]> {
  const url = process.env.FAKE_RESEND_URL;
  if (!url) throw new Error("FAKE_RESEND_URL is not set: run through npm run test:e2e");
  return ((await (await fetch(`${url}/__requests`)).json()) as { delivered: never[] }).delivered;
}

for (const { name: width, viewport } of VIEWPORTS) {
  test.describe(`at ${width} width`, () => {
    // Whole journeys (sign-up, cart, checkout, invoice, PDF, email) on a shared 2-core machine.
    test.describe.configure({ timeout: 120_000 });
    test("bob buys two products and a ticket with his balance; confirmation, invoice, PDF and email", async ({ browser }) => {
      const bob = await newUser(browser, "Bob", viewport);
      const page = bob.page;
      await page.goto("/shop/HRBR");
      await expectNoHorizontalOverflow(page);
      await addToCart(page, "Tour poster");
      await addToCart(page, "Cloth tote");
      await addToCart(page, "Spring Jazz Night: general admission");

      await page.goto("/cart");
      await expect(page.getByRole("list", { name: "Cart lines" }).getByRole("listitem")).toHaveCount(3);
      await expectNoHorizontalOverflow(page);
      await page.getByRole("link", { name: "Check out" }).click();

      await expect(page).toHaveURL(/\/checkout$/);
      await page.getByLabel("Address").fill("4 Harbor Road, Springfield");
      await page.getByLabel("Spring Jazz Night: general admission, ticket 1").fill("Bob Baker");
      await page.getByRole("button", { name: "Continue to review" }).click();

      await expect(page).toHaveURL(/\/checkout\/review$/);
      // 15.00 + 12.00 + 35.00 = 62.00 net, 19 % tax 11.78 → 73.78
      await expect(page.getByTestId("review-total")).toHaveText("$73.78");
      await expectNoHorizontalOverflow(page);
      await page.getByRole("button", { name: "Pay $73.78" }).click();

      await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
      await expect(page.getByTestId("order-total")).toHaveText("$73.78");
      await expect(page.getByTestId("ticket-code")).toHaveCount(1);
      await expect(page.getByRole("list", { name: "Tickets" })).toContainText("Admits Bob Baker");
      await expectNoHorizontalOverflow(page);

      await page.getByRole("link", { name: /^Invoice HH-/ }).click();
      const number = (await page.getByTestId("invoice-number").textContent())!;
      expect(number).toMatch(/^HH-\d{4}-\d{4}$/);
      await expect(page.getByTestId("invoice-total")).toHaveText("$73.78");
      await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
      await expectNoHorizontalOverflow(page);

      const pdfHref = (await page.getByTestId("invoice-pdf-link").getAttribute("href"))!;
      const pdf = await page.request.get(pdfHref);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

      await expect
        .poll(async () => (await fakeResendDelivered()).filter((r) => r.body.to.includes("bob@example.test") || r.body.to.includes(bob.email)).length, { timeout: 20_000 })
        .toBe(1);
      const email = (await fakeResendDelivered()).find((r) => r.body.to.includes(bob.email))!;
      expect(email.body.subject).toContain(number);
      expect(email.body.html).toContain("$73.78");
      expect(email.body.attachments[0]!.filename).toBe(`${number}.pdf`);
      expect(email.headers["idempotency-key"]).toMatch(/^invoice-email\//);
    });

    test("a business buys on invoice (VAT ID checked) and the seller marks the invoice paid", async ({ browser }) => {
      const buyer = await newUser(browser, "Buyer", viewport);
      const page = buyer.page;
      await page.goto("/shop/ALDR");
      await addToCart(page, "Pour-over kettle");
      await page.goto("/checkout");
      await page.getByLabel("A business (VAT ID)").check();
      await page.getByLabel("Company name").fill("Beispiel GmbH");
      await page.getByLabel("VAT ID", { exact: true }).fill("DE123");
      await page.getByLabel("Billing address").fill("Hauptstraße 2, 10115 Berlin");
      await page.getByLabel("Contact email").fill("ap@beispiel.test");
      await page.getByRole("button", { name: "Continue to review" }).click();
      await expect(page.getByText("This is not a valid Germany VAT ID: check the digits.")).toBeVisible();
      await page.getByLabel("VAT ID", { exact: true }).fill("DE129273398");
      await page.getByRole("button", { name: "Continue to review" }).click();

      await expect(page).toHaveURL(/\/checkout\/review$/);
      // 45.00 + 8.75 % (3.9375 → 3.94) = 48.94
      await expect(page.getByTestId("review-total")).toHaveText("$48.94");
      await page.getByLabel(/Pay by invoice/).check();
      await page.getByRole("button", { name: /Place order/ }).click();
      await expect(page.getByRole("heading", { name: "Thank you for your order" })).toBeVisible();
      await page.getByRole("link", { name: /^Invoice AF-/ }).click();
      await expect(page.getByTestId("invoice-status")).toHaveText("Open");
      const invoiceUrl = page.url();

      const alice = await (await browser.newContext({ viewport })).newPage();
      await signInViaApi(alice, DEMO_ALICE.email, DEMO_ALICE.password);
      await alice.goto(invoiceUrl);
      await expectNoHorizontalOverflow(alice);
      await alice.getByRole("button", { name: "Mark paid" }).click();
      await expect(alice.getByRole("status")).toContainText("Marked as paid.");
      await alice.reload();
      await expect(alice.getByTestId("invoice-status")).toHaveText("Paid");

      await page.reload();
      await expect(page.getByTestId("invoice-status")).toHaveText("Paid");
    });
  });
}
