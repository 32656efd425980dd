// Creating a user: validate, throttle by client address, hash the password, then create the user
// and their funded personal account in one database transaction — together with the mint's daily
// issuance reservation — so a failure anywhere leaves no user without an account and no money
// issued without a user.
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { AppError, fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { mintDailyCap, reserveMintIssuance } from "@/lib/ledger/mint-daily-cap";
import { OPENING_DEPOSIT_USD, openPersonalAccount } from "@/lib/ledger/open-account";
import { hashPassword } from "./password";
import { claimSignUpAttempt } from "./sign-up-throttle";
import { signUpSchema } from "./sign-up.schema";
import type { SessionUser } from "./session-user";

export const EMAIL_TAKEN_MESSAGE = "An account with this email already exists";

export interface SignUpContext {
  /**
   * The client's address (lib/auth/client-ip.ts). Every request from outside must pass it: it is
   * what the per-address throttle counts. Only trusted callers (tests, scripts) leave it out.
   */
  clientIp?: string;
  now?: Date;
}

export async function signUp(
  input: { name?: unknown; email?: unknown; password?: unknown },
  context: SignUpContext = {},
): Promise<SessionUser> {
  const parsed = signUpSchema.safeParse(input);
  if (!parsed.success) {
    throw new AppError("invalid_input", "Check the highlighted fields.", {
      fieldErrors: fieldErrorsFromIssues(parsed.error.issues),
    });
  }
  const { name, email, password } = parsed.data;
  const now = context.now ?? new Date();
  // Before any hashing: a throttled address costs us one insert and one indexed read.
  if (context.clientIp !== undefined) await claimSignUpAttempt(db(), { ip: context.clientIp, now });
  // Cheap early answer for the common case; the unique index below is what actually guarantees it.
  if (await db().user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken();
  const passwordHash = await hashPassword(password);
  const cap = mintDailyCap();

  return db().$transaction(async (tx) => {
    const user = await tx.user
      .create({ data: { name, email, passwordHash }, select: { id: true, email: true, name: true, role: true } })
      .catch((error: unknown) => {
        if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken();
        throw error;
      });
    await reserveMintIssuance(tx, { currency: "USD", amount: OPENING_DEPOSIT_USD, cap, now });
    await openPersonalAccount(tx, { userId: user.id, createdByUserId: user.id });
    return user;
  });
}

function emailTaken(): AppError {
  return new AppError("conflict", EMAIL_TAKEN_MESSAGE, { fieldErrors: { email: EMAIL_TAKEN_MESSAGE } });
}
