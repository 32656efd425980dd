import { z } from "zod";
import { newPasswordSchema } from "./password.schema";

export const forgotPasswordSchema = z.object({
  // Normalized like sign-up, so " Ada@Example.COM " finds the account stored as ada@example.com.
  email: z
    .string({ error: "Enter a valid email address" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address" }).max(320, "Email must be at most 320 characters")),
});

export const resetPasswordSchema = z
  .object({
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: "Enter the new password again" }).max(1024),
  })
  .refine((p) => p.confirmPassword === p.newPassword, { message: "The two passwords do not match", path: ["confirmPassword"] });
