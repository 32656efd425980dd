"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { requireActionUser } from "@/lib/auth/require-user";
import { checkGoingPublicQuietly } from "@/lib/companies/going-public";
import { db } from "@/lib/db/client";
import { transfer, type TransferResult } from "@/lib/ledger/transfer";

export type TransferState = FormState & {
  /** The key the next submission must carry: a new one after a success, the same one after an error. */
  idempotencyKey: string;
  result?: TransferResult;
};

export async function transferAction(previous: TransferState, formData: FormData): Promise<TransferState> {
  const values = {
    fromAccountId: field(formData, "fromAccountId"),
    to: field(formData, "to"),
    amount: field(formData, "amount"),
    description: field(formData, "description"),
  };
  const idempotencyKey = field(formData, "idempotencyKey") || previous.idempotencyKey;
  try {
    const user = await requireActionUser();
    const { result, replayed } = await transfer(user, { ...values, idempotencyKey });
    // A transfer that raised a company balance may list it (the transfer itself has committed).
    if (!replayed) await checkGoingPublicQuietly(db(), [BigInt(result.toAccountId)]);
    revalidatePath("/accounts");
    revalidatePath("/dashboard");
    // Keep the chosen source account; clear the rest for the next transfer.
    return {
      status: "success",
      result,
      values: { fromAccountId: values.fromAccountId, to: "", amount: "", description: "" },
      idempotencyKey: randomUUID(),
    };
  } catch (error) {
    // Nothing was posted, so a resubmission may reuse the key.
    return { ...errorState(error, values), idempotencyKey };
  }
}
