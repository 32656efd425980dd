"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { personLocale } from "@/app/_components/person-prefs";
import { requireActionUser } from "@/lib/auth/require-user";
import { checkGoingPublicQuietly } from "@/lib/companies/going-public";
import { db } from "@/lib/db/client";
import { previewTransfer, type TransferPreview } from "@/lib/ledger/preview-transfer";
import { transfer, type TransferResult } from "@/lib/ledger/transfer";

/**
 * Two steps: "review" shows where the money goes (nothing moves), "confirm" sends it. One
 * idempotency key spans both: it is rendered with the form, carried through the review and sent
 * with the confirmation, so a double Confirm (or a retried request) posts once. Only a success
 * replaces it.
 */
export type TransferState = FormState & {
  step: "edit" | "review" | "done";
  /** The key the next confirmation must carry: a new one after a success, the same one otherwise. */
  idempotencyKey: string;
  preview?: TransferPreview;
  result?: TransferResult;
};

export async function transferAction(previous: TransferState, formData: FormData): Promise<TransferState> {
  const intent = field(formData, "intent");
  const idempotencyKey = field(formData, "idempotencyKey") || previous.idempotencyKey;

  if (intent === "back") {
    // Back to the form with what was typed; nothing was posted, so the key stays.
    return { status: "idle", step: "edit", values: previous.values, idempotencyKey };
  }

  if (intent === "confirm") {
    const preview = previous.preview;
    try {
      const user = await requireActionUser();
      // The confirmed recipient is the account the person reviewed (#id), not a fresh lookup of
      // what they typed; the amount is the exact decimal that was shown.
      const { result, replayed, toCompany } = await transfer(user, {
        fromAccountId: field(formData, "fromAccountId"),
        to: `#${field(formData, "toAccountId")}`,
        amount: field(formData, "amount"),
        description: field(formData, "description"),
        idempotencyKey,
      });
      // A transfer that raised a company balance may list it (the transfer itself has committed).
      if (!replayed && toCompany) await checkGoingPublicQuietly(db(), [BigInt(result.toAccountId)]);
      revalidatePath("/accounts");
      revalidatePath("/dashboard");
      return {
        status: "success",
        step: "done",
        result,
        preview,
        // Keep the chosen source account; clear the rest for the next transfer.
        values: { fromAccountId: result.fromAccountId, to: "", amount: "", description: "" },
        idempotencyKey: randomUUID(),
      };
    } catch (error) {
      // Nothing was posted (a posting either commits whole or not at all), so the key is reused.
      return { ...errorState(error, previous.values), step: "edit", idempotencyKey };
    }
  }

  const values = {
    fromAccountId: field(formData, "fromAccountId"),
    to: field(formData, "to"),
    amount: field(formData, "amount"),
    description: field(formData, "description"),
  };
  try {
    const user = await requireActionUser();
    const preview = await previewTransfer(user, { ...values, locale: await personLocale() });
    return { status: "idle", step: "review", preview, values, idempotencyKey };
  } catch (error) {
    return { ...errorState(error, values), step: "edit", idempotencyKey };
  }
}
