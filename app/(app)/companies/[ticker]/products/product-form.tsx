"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { TextField } from "@/app/_components/text-field";
import { saveProductAction } from "../../actions";

export interface ProductFormValues {
  id?: string;
  name: string;
  description: string;
  price: string;
  active: boolean;
}

/** Create (no id) or edit one product. */
export function ProductForm({ companyId, ticker, currency, product }: { companyId: string; ticker: string; currency: string; product?: ProductFormValues }) {
  const [state, action] = useActionState<FormState, FormData>(saveProductAction, IDLE);
  const errors = state.fieldErrors ?? {};
  const values = state.status === "error" ? (state.values ?? {}) : {};
  const prefix = product?.id ? `p-${product.id}-` : "new-";
  // A successful create clears the form (remount); an edit keeps what was saved.
  const key = state.status === "success" && !product ? state.message : "form";
  return (
    <form action={action} key={key} className="space-y-4" noValidate>
      <input type="hidden" name="companyId" value={companyId} />
      <input type="hidden" name="ticker" value={ticker} />
      {product?.id ? <input type="hidden" name="productId" value={product.id} /> : null}
      {state.status === "error" && !Object.keys(errors).length ? <FormAlert message={state.message} /> : null}
      {state.status === "success" ? <FormAlert tone="success" message={state.message} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField id={`${prefix}name`} label="Name" name="name" defaultValue={values.name ?? product?.name} error={errors.name} required maxLength={80} />
        <TextField
          id={`${prefix}price`}
          label={`Price (${currency})`}
          name="price"
          inputMode="decimal"
          defaultValue={values.price ?? product?.price}
          error={errors.price}
          hint="e.g. 12.50"
          required
        />
      </div>
      <TextField id={`${prefix}description`} label="Description (optional)" name="description" defaultValue={values.description ?? product?.description} error={errors.description} maxLength={500} />
      <label className="flex items-center gap-2 text-sm text-slate-900">
        <input type="checkbox" name="active" defaultChecked={product ? product.active : true} className="h-4 w-4 rounded border-slate-300" />
        Active (the marketplace buys only active products)
      </label>
      <SubmitButton pendingLabel="Saving…">{product?.id ? "Save product" : "Add product"}</SubmitButton>
    </form>
  );
}
