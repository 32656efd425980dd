"use client";

import { useActionState, useState } from "react";
import { Button, SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE } from "@/app/_components/form-state";
import { TextField } from "@/app/_components/text-field";
import { createApiTokenAction, type CreateTokenState } from "./actions";

export function CreateTokenForm() {
  const [state, action] = useActionState<CreateTokenState, FormData>(createApiTokenAction, IDLE);
  return (
    <div className="space-y-4">
      {state.status === "success" && state.token ? <NewToken name={state.tokenName ?? ""} token={state.token} /> : null}
      <form action={action} className="flex flex-col gap-3 sm:flex-row sm:items-start" noValidate>
        <TextField
          label="Token name"
          name="name"
          required
          maxLength={60}
          placeholder="e.g. Reporting script"
          defaultValue={state.status === "error" ? state.values?.name : ""}
          error={state.fieldErrors?.name}
          className="flex-1"
        />
        <SubmitButton className="sm:mt-7" pendingLabel="Creating…">
          Create token
        </SubmitButton>
      </form>
      {state.status === "error" && !state.fieldErrors ? <FormAlert message={state.message} /> : null}
    </div>
  );
}

function NewToken({ name, token }: { name: string; token: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div role="status" className="rounded-md bg-emerald-50 p-4 ring-1 ring-inset ring-emerald-200">
      <p className="text-sm font-medium text-emerald-900">
        Token “{name}” created. Copy it now: you won’t be able to see it again.
      </p>
      <div className="mt-3 flex flex-col gap-2 sm:flex-row sm:items-center">
        <label htmlFor="new-api-token" className="sr-only">
          New API token
        </label>
        <input
          id="new-api-token"
          readOnly
          value={token}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded-md border-0 bg-white px-3 py-2 font-mono text-sm text-slate-900 ring-1 ring-inset ring-emerald-300"
        />
        <Button
          variant="secondary"
          onClick={async () => {
            await navigator.clipboard.writeText(token);
            setCopied(true);
          }}
        >
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
    </div>
  );
}
