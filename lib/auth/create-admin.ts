// The first real administrator of a deployment (`npm run admin:create -- --email …`): a new ADMIN
// user with a funded personal account like every player, and a generated password that is returned
// once for the operator to hand over — never stored in plain text, never printed again.
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { openPersonalAccount } from "@/lib/ledger/open-account";
import { hashPassword } from "./password";
import { signUpSchema } from "./sign-up.schema";
import type { SessionUser } from "./session-user";

const createAdminSchema = z.object({ email: signUpSchema.shape.email, name: signUpSchema.shape.name });

/** 24 base64url characters: 144 random bits. */
export function generatePassword(): string {
  return randomBytes(18).toString("base64url");
}

export async function createAdmin(input: { email: unknown; name?: unknown }): Promise<{ user: SessionUser; password: string }> {
  const parsed = createAdminSchema.safeParse({ email: input.email, name: input.name ?? "Administrator" });
  if (!parsed.success) {
    const fieldErrors = fieldErrorsFromIssues(parsed.error.issues);
    throw new AppError("invalid_input", Object.values(fieldErrors)[0] ?? "Check the email and name.", { fieldErrors });
  }
  const { email, name } = parsed.data;
  const taken = () => new AppError("conflict", `A user with the email ${email} already exists; nothing was changed.`, { fieldErrors: { email: "This email is already taken." } });
  // Cheap early answer; the unique index on users.email is what decides between two runs at once
  // (both pass this check, one INSERT waits for the other's and then fails with P2002 below).
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) throw taken();
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  const user = await db().$transaction(async (tx) => {
    const created = await tx.user
      .create({ data: { email, name, passwordHash, role: "ADMIN" }, select: { id: true, email: true, name: true, role: true } })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw taken();
        throw error;
      });
    await openPersonalAccount(tx, { userId: created.id });
    return created;
  });
  return { user, password };
}
