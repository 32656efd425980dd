import { notFound } from "next/navigation";
import type { SessionUser } from "@/lib/auth/session-user";
import { db } from "@/lib/db/client";
import { isAppError } from "@/lib/errors/app-error";
import { parseAccountId, requireAccountAccess, type AccessibleAccount } from "@/lib/ledger/account-access";

/** The account if this user may view it; otherwise a 404 that doesn't reveal whether it exists. */
export async function loadViewableAccount(user: SessionUser, idParam: string): Promise<AccessibleAccount> {
  const id = parseAccountId(idParam);
  if (id === null) notFound();
  try {
    return await requireAccountAccess(db(), user, id, "view");
  } catch (error) {
    if (isAppError(error) && error.code === "not_found") notFound();
    throw error;
  }
}
