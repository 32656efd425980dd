"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { requireActionAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { runMarketplace } from "@/lib/market/run-marketplace";
import { isRunNowToken, runNowSlot } from "@/lib/market/run-now-slot";
import { formatMoney } from "@/lib/money/amount";

/**
 * Runs the marketplace once per form submission: the form's `slot` (a UUID) is the run's idempotency
 * key. A completed run (or the answer that it already ran) hands the form a new slot for the next one;
 * after an error the form keeps its slot, so a retry of a run that did commit (an answer lost to a
 * dropped connection) is answered with that run instead of running again.
 */
export async function runMarketplaceAction(_: FormState, formData: FormData): Promise<FormState> {
  try {
    const admin = await requireActionAdmin();
    const slot = runNowSlot(field(formData, "slot"));
    const outcome = await runMarketplace(db(), { slot, trigger: "manual", triggeredById: admin.id });
    revalidatePath("/admin/market");
    revalidatePath("/market");
    const next = { slot: randomUUID() };
    if (outcome.status === "duplicate") {
      return { status: "success", message: `Run #${outcome.runId} already recorded for this submission; the marketplace did not run again.`, values: next };
    }
    const r = outcome.run;
    const listed = r.wentPublic.length ? ` Went public: ${r.wentPublic.join(", ")}.` : "";
    return {
      status: "success",
      message: `Run #${r.id}: ${r.purchases.toLocaleString("en-US")} units for ${formatMoney(r.spentMinor, "USD")} from ${r.companies} companies, ${r.entriesWritten} ledger entries, ${r.durationMs} ms.${listed}`,
      values: next,
    };
  } catch (error) {
    const submitted = field(formData, "slot");
    return errorState(error, { slot: isRunNowToken(submitted) ? submitted : randomUUID() });
  }
}
