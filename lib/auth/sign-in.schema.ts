import { z } from "zod";
import { plainText } from "../validation/text";

// Deliberately loose: sign-in must not reveal password rules or whether an email exists, so any
// well-formed request is checked against the database and fails with the same message. Control
// characters (a NUL cannot even be sent to PostgreSQL) are refused as a malformed email.
export const signInSchema = z.object({
  email: plainText("Enter a valid email address", { error: "Enter your email address" })
    .trim()
    .toLowerCase()
    .min(1, "Enter your email address")
    .max(320),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024),
});

export type SignInInput = z.infer<typeof signInSchema>;
