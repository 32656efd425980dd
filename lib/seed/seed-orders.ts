// Demo orders so /orders, /invoices and the admin pages show real data on first start: B2C and B2B,
// paid and pending, one refunded, one reverse-charged — each through the real checkout (cart,
// customer step, completion), so they carry invoices and outbox emails like any other.
// Idempotent: it does nothing once any transaction exists.
import type { Db } from "../db/client";
import { addToCart } from "../checkout/cart";
import { completeCheckout } from "../checkout/complete-checkout";
import { saveCustomer } from "../checkout/save-customer";
import { refundTransaction } from "../invoicing/refund-transaction";
import { DEMO_ALICE, DEMO_BOB } from "./demo-users";

interface DemoOrder {
  buyer: string;
  items: { ticker: string; product: string; quantity: number }[];
  customer: object;
  method: "balance" | "invoice";
  refund?: boolean;
}

const ORDERS: DemoOrder[] = [
  {
    buyer: DEMO_ALICE.email,
    items: [
      { ticker: "HRBR", product: "Spring Jazz Night: general admission", quantity: 2 },
      { ticker: "HRBR", product: "Tour poster", quantity: 1 },
    ],
    customer: { type: "B2C", name: "Alice Archer", email: DEMO_ALICE.email, address: "12 Ledger Lane, Springfield", country: "US" },
    method: "balance",
  },
  {
    buyer: DEMO_BOB.email,
    items: [
      { ticker: "ALDR", product: "House espresso beans, 1 kg", quantity: 2 },
      { ticker: "ALDR", product: "Stoneware mug", quantity: 1 },
    ],
    customer: { type: "B2C", name: "Bob Baker", email: DEMO_BOB.email, address: "4 Harbor Road, Springfield", country: "US" },
    method: "balance",
    refund: true,
  },
  {
    buyer: DEMO_BOB.email,
    items: [{ ticker: "NWND", product: "Double-Entry Bookkeeping, 1494 facsimile", quantity: 3 }],
    customer: { type: "B2B", companyName: "Harbor Hall GmbH", vatId: "DE129273398", address: "Hafenstraße 1, 20457 Hamburg", email: DEMO_BOB.email, contactName: "Bob Baker" },
    method: "invoice",
  },
  {
    buyer: DEMO_ALICE.email,
    items: [{ ticker: "HRBR", product: "Spring Jazz Night: front row", quantity: 1 }],
    customer: { type: "B2B", companyName: "Société Exemple SA", vatId: "FR40303265045", address: "1 rue de Rivoli, 75001 Paris", email: DEMO_ALICE.email, contactName: "Alice Archer" },
    method: "balance",
  },
];

export async function seedOrders(prisma: Db): Promise<string[]> {
  if ((await prisma.transaction.count()) > 0) return [];
  const created: string[] = [];
  for (const order of ORDERS) {
    const user = await prisma.user.findUniqueOrThrow({ where: { email: order.buyer }, select: { id: true, role: true, accounts: { where: { kind: "PERSONAL", currency: "USD" }, select: { id: true } } } });
    const actor = { id: user.id, role: user.role };
    let sessionId = "";
    await prisma.$transaction(async (tx) => {
      for (const item of order.items) {
        const product = await tx.product.findFirstOrThrow({ where: { name: item.product, company: { ticker: item.ticker } }, select: { id: true } });
        sessionId = (await addToCart(tx, user.id, { productId: product.id, quantity: item.quantity })).sessionId;
      }
    });
    const lines = await prisma.checkoutLine.findMany({ where: { sessionId }, select: { id: true, quantity: true } });
    const attendees = Object.fromEntries(lines.map((l) => [l.id, Array.from({ length: l.quantity }, (_, i) => (i === 0 ? (order.buyer === DEMO_ALICE.email ? "Alice Archer" : "Bob Baker") : `Guest ${i}`))]));
    await prisma.$transaction((tx) => saveCustomer(tx, user.id, { sessionId, customer: order.customer, attendees }));
    const done = await completeCheckout(prisma, actor, { sessionId, method: order.method, payerAccountId: order.method === "balance" ? user.accounts[0]!.id : null });
    created.push(`order ${done.invoiceNumber}`);
    if (order.refund) {
      const seller = await prisma.transaction.findUniqueOrThrow({ where: { id: done.transactionId }, select: { seller: { select: { ownerId: true } } } });
      const refund = await refundTransaction(prisma, { id: seller.seller.ownerId, role: "USER" }, { transactionId: done.transactionId, reason: "Demo: returned unopened" });
      created.push(`refund ${refund.creditNoteNumber}`);
    }
  }
  return created;
}
