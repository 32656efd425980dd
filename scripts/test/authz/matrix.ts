// The authorization matrix (issue 9 part 5): every page, route handler and server action × who asks
// → what they get. Pages and routes are checked over HTTP against the production build
// (e2e/authorization-matrix.spec.ts), server actions as functions with a mocked session
// (app/_tests/server-actions-authz.integration.test.ts). Both first demand that this table and the
// walk of app/ (app-endpoints.ts) list exactly the same endpoints.
//
// Pages and routes expect an HTTP status. `[id]` is Alice's personal account; wherever Bob (or the
// admin, for spending) is denied, the test also asks for a nonexistent id and demands the very same
// answer, so a denial never reveals that the object exists. Actions expect "allow" or "deny".
// "manager" (a manager of Alice's company) is pending until company_members exist (branch market).
export const ROLES = ["anonymous", "alice", "bob", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];
type Expect<T> = Record<Exclude<Role, "manager">, T> & { manager: "pending" | T };

export interface HttpEntry {
  expect: Expect<number>;
  /** A concrete request when the path has a catch-all or needs a body. */
  url?: string;
  body?: (ids: { aliceAccount: string; bobEmail: string }) => unknown;
}

const SIGN_IN = 307; // redirect to /sign-in?callbackUrl=…
const page = (anonymous: number, alice: number, bob: number, admin: number): HttpEntry => ({ expect: { anonymous, alice, bob, admin, manager: "pending" } });
const api = (anonymous: number, alice: number, bob: number, admin: number, extra: Omit<HttpEntry, "expect"> = {}): HttpEntry => ({
  expect: { anonymous, alice, bob, admin, manager: "pending" },
  ...extra,
});

export const HTTP_MATRIX: Record<string, HttpEntry> = {
  "page /": page(307, 307, 307, 307),
  // Signed in, the auth pages send you on to the dashboard.
  "page /sign-in": page(200, 307, 307, 307),
  "page /sign-up": page(200, 307, 307, 307),
  "page /dashboard": page(SIGN_IN, 200, 200, 200),
  "page /accounts": page(SIGN_IN, 200, 200, 200),
  "page /accounts/[id]": page(SIGN_IN, 200, 404, 200),
  "page /companies": page(SIGN_IN, 200, 200, 200),
  "page /market": page(SIGN_IN, 200, 200, 200),
  "page /orders": page(SIGN_IN, 200, 200, 200),
  "page /shop": page(SIGN_IN, 200, 200, 200),
  "page /settings": page(SIGN_IN, 200, 200, 200),
  "page /transfer": page(SIGN_IN, 200, 200, 200),
  "page /admin": page(SIGN_IN, 403, 403, 200),
  "page /admin/accounts": page(SIGN_IN, 403, 403, 200),
  "page /admin/ledger": page(SIGN_IN, 403, 403, 200),
  "page /admin/balances": page(SIGN_IN, 403, 403, 200),
  "GET /api/health": api(200, 200, 200, 200),
  "GET /api/auth/[...nextauth]": api(200, 200, 200, 200, { url: "/api/auth/session" }),
  // A credentials callback without a CSRF token: refused the same way for everyone (never sign-out here: it would end the session the other rows use).
  "POST /api/auth/[...nextauth]": api(302, 302, 302, 302, { url: "/api/auth/callback/credentials" }),
  "POST /api/auth/sign-up": api(422, 422, 422, 422, { body: () => ({ name: "", email: "not-an-email", password: "x" }) }),
  "GET /api/v1/accounts": api(401, 200, 200, 200),
  "GET /api/v1/accounts/[id]": api(401, 200, 404, 200),
  "GET /api/v1/accounts/[id]/entries": api(401, 200, 404, 200),
  "GET /accounts/[id]/export": api(401, 200, 404, 200),
  "POST /api/v1/transfers": api(401, 201, 404, 404, { body: (ids) => ({ fromAccountId: ids.aliceAccount, to: ids.bobEmail, amount: "1", currency: "USD", description: "authz" }) }),
  "POST /api/v1/admin/balances/verify": api(401, 403, 403, 200),
  "POST /api/v1/admin/balances/recalculate": api(401, 403, 403, 200),
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
  "action app/(app)/shop/[ticker]/settings/actions.ts#sellerSettingsAction": { anonymous: "deny", alice: "allow", bob: "deny", manager: "allow", admin: "deny" },
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
