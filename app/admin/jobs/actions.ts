"use server";

import { revalidatePath } from "next/cache";
import { requireActionAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { requireJob, setJobPaused } from "@/lib/jobs/job-overview";
import { sendJobNow } from "@/lib/jobs/worker";

function name(formData: FormData): string {
  const value = formData.get("name");
  return typeof value === "string" ? value : "";
}

export async function pauseJobAction(formData: FormData): Promise<void> {
  await requireActionAdmin();
  await setJobPaused(db(), name(formData), formData.get("paused") === "true");
  revalidatePath("/admin/jobs");
}

export async function sendJobAction(formData: FormData): Promise<void> {
  await requireActionAdmin();
  // Only a registered job: pg-boss would throw "Queue … does not exist" for any other name.
  const job = requireJob(name(formData));
  await sendJobNow(process.env.DATABASE_URL!, job);
  revalidatePath("/admin/jobs");
}
