"use client";

import { useActionState } from "react";
import { SubmitButton } from "@/app/_components/button";
import { IDLE } from "@/app/_components/form-state";
import { revokeApiTokenAction } from "./actions";

export function RevokeTokenButton({ tokenId, tokenName }: { tokenId: string; tokenName: string }) {
  const [state, action] = useActionState(revokeApiTokenAction, IDLE);
  return (
    <form action={action} className="flex items-center justify-end gap-3">
      {state.status === "error" ? (
        <span role="alert" className="text-sm text-red-700">
          {state.message}
        </span>
      ) : null}
      <input type="hidden" name="tokenId" value={tokenId} />
      <SubmitButton variant="danger" pendingLabel="Revoking…" aria-label={`Revoke token ${tokenName}`}>
        Revoke
      </SubmitButton>
    </form>
  );
}
