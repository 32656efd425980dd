// The authorization matrix (issue 9 part 5): every page, route handler and server action × who asks
// → what they get. Pages and routes are checked over HTTP against the production build
// (e2e/authorization-matrix.spec.ts), server actions as functions with a mocked session
// (app/_tests/server-actions-authz.integration.test.ts). Both first demand that this table and the
// walk of app/ (app-endpoints.ts) list exactly the same endpoints.
//
// Pages and routes expect an HTTP status. `[id]` is Alice's personal account; wherever Bob (or the
// admin, for spending) is denied, the test also asks for a nonexistent id and demands the very same
// answer, so a denial never reveals that the object exists. Actions expect "allow" or "deny".
// "manager" is a manager (company_members role manager) of Alice's company ALDR: signed in like
// anyone, plus "spend" on the company (products, its shop's invoices), never "manage" (access,
// staying private, deleting) nor the seller settings (owners only).
//
// Object placeholders in a key or url: [id] Alice's personal account; [ticker] her company ALDR;
// [productId] one of its products; [invoiceId] / [transactionId] / [pdfInvoiceId] Alice's seeded
// order from Bob's shop HRBR (so Bob sees the invoice as its seller, not the order); [emailId] an
// outbox email; [listed] a listed company owned by none of the roles. Where a signed-in role gets
// 403 or 404 on an object, the same request for a nonexistent object must read the same.
export const ROLES = ["anonymous", "alice", "bob", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];
type Expect<T> = Record<Role, T>;

export interface Ids {
  aliceAccount: string;
  bobEmail: string;
  listed: string;
}

export interface HttpEntry {
  expect: Expect<number>;
  /** A concrete request when the path has a catch-all or needs a body. */
  url?: string;
  body?: (ids: Ids) => unknown;
  /** Where a signed-in 307 goes (default /dashboard; anonymous visitors always go to /sign-in). */
  redirectsTo?: string;
}

const SIGN_IN = 307; // redirect to /sign-in?callbackUrl=…
const page = (anonymous: number, alice: number, bob: number, manager: number, admin: number, extra: Omit<HttpEntry, "expect"> = {}): HttpEntry => ({
  expect: { anonymous, alice, bob, manager, admin },
  ...extra,
});
const api = page;
/** Any signed-in person: 200; anonymous: to sign in. */
const SIGNED_IN = page(SIGN_IN, 200, 200, 200, 200);
const ADMIN_ONLY = page(SIGN_IN, 403, 403, 403, 200);

export const HTTP_MATRIX: Record<string, HttpEntry> = {
  "page /": page(307, 307, 307, 307, 307),
  // Signed in, the auth pages send you on to the dashboard; the password reset pages are for anyone.
  "page /sign-in": page(200, 307, 307, 307, 307),
  "page /sign-up": page(200, 307, 307, 307, 307),
  "page /forgot-password": page(200, 200, 200, 200, 200),
  "page /reset-password": page(200, 200, 200, 200, 200, { url: "/reset-password?token=not-a-real-token" }),
  "page /dashboard": SIGNED_IN,
  "page /accounts": SIGNED_IN,
  "page /accounts/[id]": page(SIGN_IN, 200, 404, 404, 200),
  "page /transfer": SIGNED_IN,
  "page /settings": SIGNED_IN,
  "page /leaderboard": SIGNED_IN,
  "page /portfolio": SIGNED_IN,
  // Companies: the profile is public to anyone signed in; members need "view", products "spend".
  "page /companies": SIGNED_IN,
  "page /companies/new": SIGNED_IN,
  "page /companies/[ticker]": SIGNED_IN,
  "page /companies/[ticker]/members": page(SIGN_IN, 200, 404, 200, 200),
  "page /companies/[ticker]/products": page(SIGN_IN, 200, 404, 200, 404),
  "page /market": SIGNED_IN,
  "page /stocks": SIGNED_IN,
  "page /stocks/[ticker]": page(SIGN_IN, 200, 200, 200, 200, { url: "/stocks/[listed]" }),
  // Shop: anyone signed in buys; its seller settings are for its owners only (not managers).
  "page /shop": SIGNED_IN,
  "page /shop/[ticker]": SIGNED_IN,
  "page /shop/[ticker]/[productId]": SIGNED_IN,
  "page /shop/[ticker]/settings": page(SIGN_IN, 200, 404, 404, 404),
  // An empty cart has nothing to check out: back to the cart.
  "page /cart": SIGNED_IN,
  "page /checkout": page(SIGN_IN, 307, 307, 307, 307, { redirectsTo: "/cart" }),
  "page /checkout/review": page(SIGN_IN, 307, 307, 307, 307, { redirectsTo: "/cart" }),
  // Orders are the buyer's; invoices the buyer's, the seller's staff's (Bob) and admins'.
  "page /orders": SIGNED_IN,
  "page /orders/[transactionId]": page(SIGN_IN, 200, 404, 404, 404),
  "page /invoices": SIGNED_IN,
  "page /invoices/[id]": page(SIGN_IN, 200, 200, 404, 200, { url: "/invoices/[invoiceId]" }),
  "GET /invoices/[id]/pdf": api(401, 200, 200, 404, 200, { url: "/invoices/[invoiceId]/pdf" }),
  "page /admin": ADMIN_ONLY,
  "page /admin/accounts": ADMIN_ONLY,
  "page /admin/ledger": ADMIN_ONLY,
  "page /admin/balances": ADMIN_ONLY,
  "page /admin/market": ADMIN_ONLY,
  "page /admin/jobs": ADMIN_ONLY,
  "page /admin/transactions": ADMIN_ONLY,
  "page /admin/invoices": ADMIN_ONLY,
  "page /admin/emails": ADMIN_ONLY,
  "page /admin/emails/[id]": page(SIGN_IN, 403, 403, 403, 200, { url: "/admin/emails/[emailId]" }),
  "page /admin/reports": ADMIN_ONLY,
  "GET /api/health": api(200, 200, 200, 200, 200),
  "GET /api/auth/[...nextauth]": api(200, 200, 200, 200, 200, { url: "/api/auth/session" }),
  // A credentials callback without a CSRF token: refused the same way for everyone (never sign-out here: it would end the session the other rows use).
  "POST /api/auth/[...nextauth]": api(302, 302, 302, 302, 302, { url: "/api/auth/callback/credentials" }),
  "POST /api/auth/sign-up": api(422, 422, 422, 422, 422, { body: () => ({ name: "", email: "not-an-email", password: "x" }) }),
  "GET /api/v1/accounts": api(401, 200, 200, 200, 200),
  "GET /api/v1/accounts/[id]": api(401, 200, 404, 404, 200),
  "GET /api/v1/accounts/[id]/entries": api(401, 200, 404, 404, 200),
  "GET /accounts/[id]/export": api(401, 200, 404, 404, 200),
  "POST /api/v1/transfers": api(401, 201, 404, 404, 404, { body: (ids) => ({ fromAccountId: ids.aliceAccount, to: ids.bobEmail, amount: "1", currency: "USD", description: "authz" }) }),
  // Anyone signed in buys a share of a listed company none of them owns, from their own account.
  "POST /api/v1/trades": api(401, 201, 201, 201, 201, { body: (ids) => ({ ticker: ids.listed, side: "buy", quantity: "1" }) }),
  "POST /api/v1/admin/balances/verify": api(401, 403, 403, 403, 200),
  "POST /api/v1/admin/balances/recalculate": api(401, 403, 403, 403, 200),
};

// Actions run on Alice's object where they take one: her account, token, cart line, checkout
// session, company (the manager is a manager of it), shop and its invoices. Actions on your own
// things only (settings, cart, trades from your own account) are allowed to anyone signed in.
export const ACTION_MATRIX: Record<string, Expect<"allow" | "deny">> = {
  "action app/(app)/transfer/actions.ts#transferAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/settings/actions.ts#createApiTokenAction": { anonymous: "deny", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(app)/settings/actions.ts#revokeApiTokenAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/settings/account-actions.ts#updateNameAction": { anonymous: "deny", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(app)/settings/account-actions.ts#changePasswordAction": { anonymous: "deny", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(app)/settings/account-actions.ts#signOutEverywhereAction": { anonymous: "deny", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(app)/cart/actions.ts#addToCartAction": { anonymous: "deny", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(app)/cart/actions.ts#setQuantityAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/cart/actions.ts#removeLineAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/cart/actions.ts#emptyCartAction": { anonymous: "deny", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(app)/checkout/actions.ts#saveCustomerAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/checkout/actions.ts#completeCheckoutAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/companies/actions.ts#createCompanyAction": { anonymous: "deny", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(app)/companies/actions.ts#saveProductAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "allow", admin: "deny" },
  "action app/(app)/companies/actions.ts#toggleProductAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "allow", admin: "deny" },
  "action app/(app)/companies/actions.ts#grantAccessAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/companies/actions.ts#revokeAccessAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/companies/actions.ts#stayPrivateAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/companies/actions.ts#deleteCompanyAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/invoices/actions.ts#invoiceAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "allow", admin: "deny" },
  "action app/(app)/shop/[ticker]/settings/actions.ts#sellerSettingsAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "deny", admin: "deny" },
  "action app/(app)/stocks/actions.ts#tradeAction": { anonymous: "deny", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(auth)/sign-in/actions.ts#signInAction": { anonymous: "allow", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(auth)/sign-up/actions.ts#signUpAction": { anonymous: "allow", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(auth)/forgot-password/actions.ts#forgotPasswordAction": { anonymous: "allow", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/(auth)/reset-password/actions.ts#resetPasswordAction": { anonymous: "allow", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/_components/sign-out-action.ts#signOutAction": { anonymous: "allow", alice: "allow", bob: "allow", manager: "allow", admin: "allow" },
  "action app/admin/emails/actions.ts#resendEmailAction": { anonymous: "deny", alice: "deny", bob: "deny", manager: "deny", admin: "allow" },
  "action app/admin/jobs/actions.ts#pauseJobAction": { anonymous: "deny", alice: "deny", bob: "deny", manager: "deny", admin: "allow" },
  "action app/admin/jobs/actions.ts#sendJobAction": { anonymous: "deny", alice: "deny", bob: "deny", manager: "deny", admin: "allow" },
  "action app/admin/market/actions.ts#runMarketplaceAction": { anonymous: "deny", alice: "deny", bob: "deny", manager: "deny", admin: "allow" },
};
