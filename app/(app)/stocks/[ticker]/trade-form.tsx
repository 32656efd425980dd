"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { Money } from "@/app/_components/money";
import { TextField } from "@/app/_components/text-field";
import { tradeAction, type TradeState } from "../actions";

export function TradeForm({ ticker, idempotencyKey, holding }: { ticker: string; idempotencyKey: string; holding: string }) {
  const [state, action] = useActionState<TradeState, FormData>(tradeAction, { status: "idle", idempotencyKey });
  const errors = state.fieldErrors ?? {};
  const values = state.values ?? {};
  const r = state.result;
  return (
    <div className="space-y-4">
      {state.status === "success" && r ? (
        <div role="status" className="rounded-md bg-emerald-50 px-4 py-3 text-sm text-emerald-900 ring-1 ring-inset ring-emerald-200" data-testid="trade-result">
          {r.side === "buy" ? "Bought" : "Sold"} {r.quantity} {r.ticker} at <Money minor={r.priceMinor} currency={r.currency} /> for{" "}
          <Money minor={r.totalMinor} currency={r.currency} />. You now hold {r.holding}; the price is <Money minor={r.priceAfterMinor} currency={r.currency} />.
        </div>
      ) : null}
      {state.status === "error" && !Object.keys(errors).length ? <FormAlert message={state.message} /> : null}
      <form action={action} key={state.status === "success" ? state.idempotencyKey : "form"} className="space-y-4" noValidate>
        <input type="hidden" name="idempotencyKey" value={state.idempotencyKey} />
        <input type="hidden" name="ticker" value={ticker} />
        <fieldset>
          <legend className="text-sm font-medium text-slate-900">Order</legend>
          <div className="mt-2 flex gap-4 text-sm">
            <label className="flex items-center gap-2">
              <input type="radio" name="side" value="buy" defaultChecked={values.side !== "sell"} /> Buy
            </label>
            <label className="flex items-center gap-2">
              <input type="radio" name="side" value="sell" defaultChecked={values.side === "sell"} /> Sell
            </label>
          </div>
        </fieldset>
        <TextField
          label="Shares"
          name="quantity"
          inputMode="numeric"
          defaultValue={values.quantity}
          error={errors.quantity ?? errors.ticker}
          hint={`Whole shares, 1 to 1,000,000. You hold ${holding}.`}
          autoComplete="off"
          required
        />
        <SubmitButton pendingLabel="Placing…">Place order</SubmitButton>
      </form>
    </div>
  );
}
