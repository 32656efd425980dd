"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { FormAlert } from "@/app/_components/form-alert";
import { IDLE, type FormState } from "@/app/_components/form-state";
import { runMarketplaceAction } from "./actions";

/**
 * `slot` is drawn when the page renders; after a completed run the action's answer carries the next
 * one. Until then every submission of this form (a double click, a browser's retry) is the same run.
 */
export function RunNow({ slot }: { slot: string }) {
  const [state, action] = useActionState<FormState, FormData>(runMarketplaceAction, IDLE);
  return (
    <form action={action} className="space-y-3">
      <input type="hidden" name="slot" value={state.values?.slot ?? slot} />
      <SubmitButton pendingLabel="Running…">Run now</SubmitButton>
      {state.status !== "idle" ? (
        <div data-testid="run-result">
          <FormAlert message={state.message} tone={state.status === "error" ? "error" : "success"} />
        </div>
      ) : null}
    </form>
  );
}
