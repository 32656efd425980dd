"use client";

import { useActionState } from "react";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { IDLE } from "@/app/_components/form-state";
import { revokeApiTokenAction } from "./actions";

export function RevokeTokenButton({ tokenId, tokenName }: { tokenId: string; tokenName: string }) {
  const [state, action] = useActionState(revokeApiTokenAction, IDLE);
  return (
    <form action={action} className="flex flex-wrap items-center justify-end gap-3">
      {state.status === "error" ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
      <input type="hidden" name="tokenId" value={tokenId} />
      <input type="hidden" name="tokenName" value={tokenName} />
      <ConfirmButton
        ariaLabel={`Revoke token ${tokenName}`}
        question={<>Revoke “{tokenName}”? Scripts using it stop working at once; this can’t be undone.</>}
        confirmLabel="Yes, revoke it"
        pendingLabel="Revoking…"
      >
        Revoke
      </ConfirmButton>
    </form>
  );
}
