"use server";

import { revalidatePath } from "next/cache";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { requireActionUser } from "@/lib/auth/require-user";
import { updateSellerSettings } from "@/lib/checkout/seller-settings";
import { db } from "@/lib/db/client";

const FIELDS = ["currency", "taxRate", "invoicePrefix", "invoiceLanguage", "legalName", "address", "country", "vatId", "paymentTermsDays"] as const;

export async function sellerSettingsAction(_previous: FormState, formData: FormData): Promise<FormState> {
  const values: Record<string, string> = Object.fromEntries(FIELDS.map((k) => [k, field(formData, k)]));
  values.taxEnabled = field(formData, "taxEnabled");
  values.pricesIncludeTax = field(formData, "pricesIncludeTax");
  try {
    const user = await requireActionUser();
    await db().$transaction((tx) =>
      updateSellerSettings(tx, user.id, field(formData, "companyId"), {
        ...values,
        taxEnabled: values.taxEnabled === "on",
        pricesIncludeTax: values.pricesIncludeTax === "on",
      } as never),
    );
    revalidatePath("/shop");
    return { status: "success", message: "Saved. New invoices use these settings.", values };
  } catch (error) {
    return errorState(error, values);
  }
}
