"use server";

import { randomUUID } from "node:crypto";
import { revalidatePath } from "next/cache";
import { errorState, field, type FormState } from "@/app/_components/form-state";
import { requireActionUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { trade, type TradeResult } from "@/lib/stocks/trade";

export type TradeState = FormState & { idempotencyKey: string; result?: TradeResult };

export async function tradeAction(previous: TradeState, formData: FormData): Promise<TradeState> {
  const values = { side: field(formData, "side"), quantity: field(formData, "quantity") };
  const ticker = field(formData, "ticker");
  const idempotencyKey = field(formData, "idempotencyKey") || previous.idempotencyKey;
  try {
    const user = await requireActionUser();
    const { result } = await trade(db(), user, { ticker, side: values.side as "buy" | "sell", quantity: values.quantity, idempotencyKey });
    revalidatePath(`/stocks/${ticker}`);
    revalidatePath("/portfolio");
    return { status: "success", result, values: { side: values.side, quantity: "" }, idempotencyKey: randomUUID() };
  } catch (error) {
    // Nothing was written, so a resubmission may reuse the key.
    return { ...errorState(error, values), idempotencyKey };
  }
}
