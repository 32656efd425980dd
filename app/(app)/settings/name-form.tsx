"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE } from "@/app/_components/form-state";
import { TextField } from "@/app/_components/text-field";
import { updateNameAction } from "./account-actions";

export function NameForm({ name }: { name: string }) {
  const [state, action] = useActionState(updateNameAction, IDLE);
  return (
    <form action={action} className="space-y-3" noValidate>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start">
        <TextField
          label="Name"
          name="name"
          // The token form on the same page also has a "name" field; ids must differ.
          id="profile-name"
          autoComplete="name"
          required
          maxLength={100}
          defaultValue={state.values?.name ?? name}
          error={state.fieldErrors?.name}
          className="flex-1"
        />
        <SubmitButton className="sm:mt-7" pendingLabel="Saving…">
          Save name
        </SubmitButton>
      </div>
      {state.status === "success" ? <FormAlert tone="success" message={state.message} /> : null}
      {state.status === "error" && !state.fieldErrors ? <FormAlert message={state.message} /> : null}
    </form>
  );
}
