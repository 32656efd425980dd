import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "./password";

export const signUpSchema = z.object({
  name: z.string({ error: "Enter your name" }).trim().min(1, "Enter your name").max(100, "Name must be at most 100 characters"),
  // Trim and lower-case before validating, so " Ada@Example.COM " is accepted and stored once.
  email: z
    .string({ error: "Enter a valid email address" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address" }).max(320, "Email must be at most 320 characters")),
  password: z
    .string({ error: `Password must be at least ${MIN_PASSWORD_LENGTH} characters` })
    .min(MIN_PASSWORD_LENGTH, `Password must be at least ${MIN_PASSWORD_LENGTH} characters`)
    // Argon2 accepts more, but an unbounded input is a cheap way to make the server hash megabytes.
    .max(1024, "Password must be at most 1024 characters"),
});

export type SignUpInput = z.infer<typeof signUpSchema>;
