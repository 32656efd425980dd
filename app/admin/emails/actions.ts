"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { field } from "@/app/_components/form-state";
import { requireActionAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { deliverOutboxMessage, requeueMessage } from "@/lib/email/deliver-outbox";

/** Admin: queue the message again and try to deliver it now (stays pending without RESEND_API_KEY). */
export async function resendEmailAction(formData: FormData): Promise<void> {
  await requireActionAdmin();
  const id = field(formData, "id");
  await requeueMessage(db(), id);
  await deliverOutboxMessage(db(), id, { worker: "admin-resend" });
  revalidatePath("/admin/emails");
  redirect(`/admin/emails/${id}`);
}
