"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { runMarketplaceAction } from "./actions";

export function RunNow() {
  const [state, action] = useActionState<FormState, FormData>(runMarketplaceAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <SubmitButton pendingLabel="Running…">Run now</SubmitButton>
      {state.status !== "idle" ? (
        <div data-testid="run-result">
          <FormAlert message={state.message} tone={state.status === "error" ? "error" : "success"} />
        </div>
      ) : null}
    </form>
  );
}
