import { z } from "zod";

// Deliberately loose: sign-in must not reveal password rules or whether an email exists, so any
// well-formed request is checked against the database and fails with the same message.
export const signInSchema = z.object({
  email: z.string({ error: "Enter your email address" }).trim().toLowerCase().min(1, "Enter your email address").max(320),
  password: z.string({ error: "Enter your password" }).min(1, "Enter your password").max(1024),
});

export type SignInInput = z.infer<typeof signInSchema>;
