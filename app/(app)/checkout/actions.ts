"use server";

import { redirect } from "next/navigation";
import { after } from "next/server";
import { revalidatePath } from "next/cache";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { requireActionUser } from "@/lib/auth/require-user";
import { completeCheckout } from "@/lib/checkout/complete-checkout";
import { saveCustomer } from "@/lib/checkout/save-customer";
import { db } from "@/lib/db/client";
import { deliverOutboxMessage } from "@/lib/email/deliver-outbox";
import { parseAccountId } from "@/lib/ledger/account-access";

const CUSTOMER_FIELDS = ["type", "name", "email", "address", "country", "companyName", "vatId", "contactName"] as const;

export async function saveCustomerAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values: Record<string, string> = Object.fromEntries(CUSTOMER_FIELDS.map((k) => [k, field(formData, k)]));
  // attendee.<line id>.<n>, one name per ticket. The record has no prototype, so a key such as
  // "attendee.__proto__.0" is an unknown line, never a write to Object.prototype; and n has at most two
  // digits (no line holds more than MAX_QUANTITY tickets), so a crafted index cannot make a sparse
  // array billions of entries long for the names to be walked over.
  const attendees: Record<string, string[]> = Object.create(null);
  for (const [key, value] of formData.entries()) {
    const match = /^attendee\.([^.]+)\.(\d{1,2})$/.exec(key);
    if (!match || typeof value !== "string") continue;
    values[key] = value;
    (attendees[match[1]!] ??= [])[Number(match[2])] = value;
  }
  const sessionId = field(formData, "sessionId");
  try {
    const user = await requireActionUser();
    const customer =
      values.type === "B2B"
        ? { type: "B2B", companyName: values.companyName, vatId: values.vatId, address: values.address, email: values.email, contactName: values.contactName }
        : { type: "B2C", name: values.name, email: values.email, address: values.address, country: values.country };
    await db().$transaction((tx) => saveCustomer(tx, user.id, { sessionId, customer, attendees }));
  } catch (error) {
    return errorState(error, values);
  }
  redirect("/checkout/review");
}

export async function completeCheckoutAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { method: field(formData, "method"), accountId: field(formData, "accountId") };
  let transactionId: string;
  try {
    const user = await requireActionUser();
    const payerAccountId = values.method === "balance" ? parseAccountId(values.accountId) : null;
    // The session is the idempotency key: a double submit or a retry returns the same transaction;
    // the same session with another method or account is refused inline (idempotency_conflict).
    const done = await completeCheckout(db(), user, { sessionId: field(formData, "sessionId"), method: values.method, payerAccountId });
    transactionId = done.transactionId;
    if (!done.replayed) {
      // Try the invoice email right after the response (it was queued in the checkout transaction),
      // so it usually arrives at once. A failure here — or this process dying mid-send — only
      // leaves the message pending (or leased until the lease ends) for the job worker's sweep.
      after(async () => {
        const message = await db().emailOutbox.findFirst({ where: { invoiceId: done.invoiceId }, select: { id: true } });
        if (message) await deliverOutboxMessage(db(), message.id, { worker: "after-checkout" }).catch((error) => console.error("invoice email delivery failed", error));
      });
    }
  } catch (error) {
    return errorState(error, values);
  }
  revalidatePath("/orders");
  revalidatePath("/invoices");
  redirect(`/orders/${transactionId}`);
}
