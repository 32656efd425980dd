import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password";
import { weakPasswordReason } from "./password-policy";

const TOO_SHORT = `Password must be at least ${MIN_PASSWORD_LENGTH} characters`;

/** A password someone is choosing (sign-up, password change): long enough and not easily guessed. */
export const newPasswordSchema = z
  .string({ error: TOO_SHORT })
  .min(MIN_PASSWORD_LENGTH, TOO_SHORT)
  // Argon2 accepts more, but an unbounded input is a cheap way to make the server hash megabytes.
  .max(1024, "Password must be at most 1024 characters")
  .superRefine((password, ctx) => {
    if (password.length < MIN_PASSWORD_LENGTH) return;
    const reason = weakPasswordReason(password);
    if (reason) ctx.addIssue({ code: "custom", message: reason });
  });
