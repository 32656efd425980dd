"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createApiToken, revokeApiToken } from "@/lib/auth/api-tokens";
import { revokeApiTokenSchema } from "@/lib/auth/api-token.schema";
import { requireActionUser } from "@/lib/auth/require-user";
import { AppError } from "@/lib/errors/app-error";
import { errorState, field, type FormState } from "@/app/_components/form-state";

export type CreateTokenState = FormState & { token?: string; tokenName?: string };

export async function createApiTokenAction(_previous: CreateTokenState, formData: FormData): Promise<CreateTokenState> {
  const values = { name: field(formData, "name") };
  try {
    const user = await requireActionUser();
    const { token, apiToken } = await createApiToken({ userId: user.id, name: values.name });
    revalidatePath("/settings");
    // The secret goes back to this one response only; it is never stored or shown again.
    return { status: "success", token, tokenName: apiToken.name };
  } catch (error) {
    return errorState(error, values);
  }
}

export async function revokeApiTokenAction(_previous: FormState, formData: FormData): Promise<FormState> {
  try {
    const user = await requireActionUser();
    const parsed = revokeApiTokenSchema.safeParse({ tokenId: field(formData, "tokenId") });
    if (!parsed.success) throw new AppError("invalid_input", "Choose a token to revoke.");
    await revokeApiToken({ userId: user.id, tokenId: parsed.data.tokenId });
    revalidatePath("/settings");
  } catch (error) {
    return errorState(error);
  }
  // The token's row disappears, so the confirmation travels in the URL to the page's status line.
  // The name is only echoed back as text to the person who named it.
  redirect(`/settings?revoked=${encodeURIComponent(field(formData, "tokenName").slice(0, 60))}`);
}
