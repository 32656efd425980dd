"use client";

import { useActionState, useState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { TextField } from "@/app/_components/text-field";
import { saveCustomerAction } from "./actions";

export interface TicketLine {
  lineId: string;
  name: string;
  quantity: number;
  attendeeNames: string[];
}

export function CustomerForm({ sessionId, initial, tickets }: { sessionId: string; initial: Record<string, string>; tickets: TicketLine[] }) {
  const [state, action] = useActionState<FormState, FormData>(saveCustomerAction, IDLE);
  const values = state.values ?? initial;
  const errors = state.fieldErrors ?? {};
  const [type, setType] = useState(values.type === "B2B" ? "B2B" : "B2C");
  return (
    <form action={action} className="space-y-5" noValidate>
      <input type="hidden" name="sessionId" value={sessionId} />
      {/* React resets a form after its action runs, radios included; the choice travels in a
          hidden field driven by state so what is shown is always what is submitted. */}
      <input type="hidden" name="type" value={type} />
      {state.status === "error" ? <FormAlert message={state.message} /> : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-900">Buying as</legend>
        <div className="mt-2 flex flex-wrap gap-4">
          {(["B2C", "B2B"] as const).map((t) => (
            <label key={t} className="flex items-center gap-2 text-sm">
              <input type="radio" name="buyerType" value={t} checked={type === t} onChange={() => setType(t)} />
              {t === "B2C" ? "A person" : "A business (VAT ID)"}
            </label>
          ))}
        </div>
      </fieldset>
      {type === "B2C" ? (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Name" name="name" defaultValue={values.name} error={errors.name} autoComplete="name" />
          <TextField label="Email" name="email" type="email" defaultValue={values.email} error={errors.email} autoComplete="email" />
          <TextField label="Address" name="address" defaultValue={values.address} error={errors.address} autoComplete="street-address" className="sm:col-span-2" />
          <TextField label="Country (optional)" name="country" defaultValue={values.country} error={errors.country} hint="Two letters, e.g. US or DE" maxLength={2} />
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField label="Company name" name="companyName" defaultValue={values.companyName} error={errors.companyName} autoComplete="organization" />
          <TextField label="VAT ID" name="vatId" defaultValue={values.vatId} error={errors.vatId} hint="With its country code, e.g. DE129273398" />
          <TextField label="Billing address" name="address" defaultValue={values.address} error={errors.address} className="sm:col-span-2" />
          <TextField label="Contact email" name="email" type="email" defaultValue={values.email} error={errors.email} />
          <TextField label="Contact name (optional)" name="contactName" defaultValue={values.contactName} error={errors.contactName} />
        </div>
      )}
      {tickets.length > 0 ? (
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-900">Attendees (one name per ticket)</legend>
          {tickets.flatMap((t) =>
            Array.from({ length: t.quantity }, (_, i) => (
              <TextField
                key={`${t.lineId}.${i}`}
                label={`${t.name}, ticket ${i + 1}`}
                name={`attendee.${t.lineId}.${i}`}
                defaultValue={values[`attendee.${t.lineId}.${i}`] ?? t.attendeeNames[i] ?? ""}
                error={errors[`attendee.${t.lineId}.${i}`]}
              />
            )),
          )}
        </fieldset>
      ) : null}
      <SubmitButton pendingLabel="Saving…">Continue to review</SubmitButton>
    </form>
  );
}
