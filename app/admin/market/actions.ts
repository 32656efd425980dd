"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { errorState, type FormState } from "@/app/_components/form-state";
import { requireActionAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { runMarketplace } from "@/lib/market/run-marketplace";
import { formatMoney } from "@/lib/money/amount";

export async function runMarketplaceAction(_: FormState): Promise<FormState> {
  try {
    const admin = await requireActionAdmin();
    const outcome = await runMarketplace(db(), { slot: `manual:${randomUUID()}`, trigger: "manual", triggeredById: admin.id });
    revalidatePath("/admin/market");
    revalidatePath("/market");
    if (outcome.status !== "ran") return { status: "error", message: "This run was already recorded." };
    const r = outcome.run;
    const listed = r.wentPublic.length ? ` Went public: ${r.wentPublic.join(", ")}.` : "";
    return {
      status: "success",
      message: `Run #${r.id}: ${r.purchases.toLocaleString("en-US")} units for ${formatMoney(r.spentMinor, "USD")} from ${r.companies} companies, ${r.entriesWritten} ledger entries, ${r.durationMs} ms.${listed}`,
    };
  } catch (error) {
    return errorState(error);
  }
}
