"use server";

import { revalidatePath } from "next/cache";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { requireActionUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { refundTransaction } from "@/lib/invoicing/refund-transaction";
import { markInvoicePaid, payInvoiceFromBalance, voidInvoice } from "@/lib/invoicing/settle-invoice";
import { parseAccountId } from "@/lib/ledger/account-access";

// Each action authorizes inside the domain function (seller staff via canManageSeller, the buyer
// via the transaction's buyer), never by trusting that the page showed the button.
export async function invoiceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values = { intent: field(formData, "intent"), invoiceId: field(formData, "invoiceId"), accountId: field(formData, "accountId"), amount: field(formData, "amount"), transactionId: field(formData, "transactionId") };
  try {
    const user = await requireActionUser();
    let message: string;
    switch (values.intent) {
      case "mark-paid":
        await markInvoicePaid(db(), user, values.invoiceId);
        message = "Marked as paid.";
        break;
      case "void":
        await voidInvoice(db(), user, values.invoiceId);
        message = "Invoice voided; it keeps its number.";
        break;
      case "pay": {
        const accountId = parseAccountId(values.accountId);
        if (!accountId) throw new AppError("invalid_input", "Choose an account.", { fieldErrors: { accountId: "Choose an account." } });
        await payInvoiceFromBalance(db(), user, { invoiceId: values.invoiceId, accountId });
        message = "Paid. Thank you!";
        break;
      }
      case "refund": {
        // Typed text: refundTransaction reads it in the order's currency.
        const amount = values.amount.trim() === "" ? undefined : values.amount;
        const result = await refundTransaction(db(), user, { transactionId: values.transactionId, amount });
        message = `Refunded; credit note ${result.creditNoteNumber}.`;
        break;
      }
      default:
        throw new AppError("bad_request", "Unknown action.");
    }
    revalidatePath(`/invoices/${values.invoiceId}`);
    return { status: "success", message };
  } catch (error) {
    return errorState(error, values);
  }
}
