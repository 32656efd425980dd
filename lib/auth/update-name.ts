import { db } from "@/lib/db/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { updateNameSchema } from "./account-settings.schema";

/** Renames the user. The new name shows on the next request: every page re-reads the user. */
export async function updateName({ userId, name }: { userId: string; name: unknown }): Promise<string> {
  const parsed = updateNameSchema.safeParse({ name });
  if (!parsed.success) {
    throw new AppError("invalid_input", "Check your name.", { fieldErrors: fieldErrorsFromIssues(parsed.error.issues) });
  }
  await db().user.update({ where: { id: userId }, data: { name: parsed.data.name } });
  return parsed.data.name;
}
