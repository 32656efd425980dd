// Creating a user: validate, hash the password, then create the user and their funded personal
// account in one database transaction, so a failure anywhere leaves no user without an account.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { openPersonalAccount } from "@/lib/ledger/open-account";
import { hashPassword } from "./password";
import { signUpSchema } from "./sign-up.schema";
import type { SessionUser } from "./session-user";

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists";

export async function signUp(input: { name?: unknown; email?: unknown; password?: unknown }): Promise<SessionUser> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Check the highlighted fields.", {
      fieldErrors: fieldErrorsFromIssues(parsed.error.issues),
    });
  }
  const { name, email, password } = parsed.data;

  // Cheap early answer for the common case; the unique index below is what actually guarantees it.
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();

  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    const user = await tx.user
      .create({ data: { name, email, passwordHash }, select: { id: true, email: true, name: true, role: true } })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
        throw error;
      });
    await openPersonalAccount(tx, { userId: user.id, createdByUserId: user.id });
    return user;
  });
}

function emailTaken(): AppError {
  return new AppError("conflict", EMAIL_TAKEN_MESSAGE, { fieldErrors: { email: EMAIL_TAKEN_MESSAGE } });
}
