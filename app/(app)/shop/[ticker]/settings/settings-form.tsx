"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { TextField } from "@/app/_components/text-field";
import { sellerSettingsAction } from "./actions";

export function SellerSettingsForm({ companyId, initial }: { companyId: string; initial: Record<string, string> }) {
  const [state, action] = useActionState<FormState, FormData>(sellerSettingsAction, IDLE);
  const v = state.values ?? initial;
  const e = state.fieldErrors ?? {};
  return (
    <form action={action} className="space-y-4" noValidate>
      <input type="hidden" name="companyId" value={companyId} />
      {state.status === "error" ? <FormAlert message={state.message} /> : null}
      {state.status === "success" ? <FormAlert tone="success" message={state.message} /> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="Currency" name="currency" defaultValue={v.currency} error={e.currency} maxLength={3} />
        <TextField label="Default tax rate (%)" name="taxRate" defaultValue={v.taxRate} error={e.taxRate} />
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="taxEnabled" defaultChecked={v.taxEnabled === "on"} /> Charge tax</label>
        <label className="flex items-center gap-2 text-sm"><input type="checkbox" name="pricesIncludeTax" defaultChecked={v.pricesIncludeTax === "on"} /> Prices include tax</label>
        <TextField label="Invoice prefix" name="invoicePrefix" defaultValue={v.invoicePrefix} error={e.invoicePrefix} />
        <div>
          <label htmlFor="invoiceLanguage" className="block text-sm font-medium text-slate-900">Invoice language</label>
          <select id="invoiceLanguage" name="invoiceLanguage" defaultValue={v.invoiceLanguage} className="mt-1.5 block w-full rounded-md bg-white px-3 py-2 ring-1 ring-slate-300">
            <option value="en">English</option><option value="de">Deutsch</option><option value="es">Español</option><option value="fr">Français</option>
          </select>
        </div>
        <TextField label="Legal name" name="legalName" defaultValue={v.legalName} error={e.legalName} />
        <TextField label="Country" name="country" defaultValue={v.country} error={e.country} maxLength={2} hint="Two letters, e.g. DE" />
        <TextField label="Address" name="address" defaultValue={v.address} error={e.address} className="sm:col-span-2" />
        <TextField label="VAT ID (optional)" name="vatId" defaultValue={v.vatId} error={e.vatId} />
        <div>
          <label htmlFor="paymentTermsDays" className="block text-sm font-medium text-slate-900">Pay-later terms</label>
          <select id="paymentTermsDays" name="paymentTermsDays" defaultValue={v.paymentTermsDays} className="mt-1.5 block w-full rounded-md bg-white px-3 py-2 ring-1 ring-slate-300">
            <option value="14">Net 14</option><option value="30">Net 30</option>
          </select>
        </div>
      </div>
      <SubmitButton pendingLabel="Saving…">Save settings</SubmitButton>
    </form>
  );
}
