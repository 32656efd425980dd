"use server";

import { headers } from "next/headers";
import { after } from "next/server";
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { requestPasswordReset } from "@/lib/auth/request-password-reset";
import { db } from "@/lib/db/client";
import { deliverOutboxMessage } from "@/lib/email/deliver-outbox";
import { errorState, field, type FormState } from "@/app/_components/form-state";

// Public on purpose (someone who forgot their password is signed out); the throttle in
// requestPasswordReset is what guards it.
export async function forgotPasswordAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const email = field(formData, "email");
  try {
    const { message, outboxId } = await requestPasswordReset({ email }, { clientIp: clientIpFromHeaders(await headers()) });
    // Sent after the response (the row is committed; a failure leaves it pending for a retry), so
    // the answer neither waits for the provider nor takes longer when the account exists.
    if (outboxId) {
      after(() => deliverOutboxMessage(db(), outboxId, { worker: "after-reset-request" }).then(() => undefined, (error) => console.error("password reset email delivery failed", error)));
    }
    return { status: "success", message, values: { email } };
  } catch (error) {
    return errorState(error, { email });
  }
}
