import { z } from "zod";
import { plainText } from "../validation/text";
import { newPasswordSchema } from "./password.schema";

export const signUpSchema = z.object({
  name: plainText("Your name can't contain control characters", { error: "Enter your name" })
    .trim()
    .min(1, "Enter your name")
    .max(100, "Name must be at most 100 characters"),
  // Trim and lower-case before validating, so " Ada@Example.COM " is accepted and stored once.
  email: z
    .string({ error: "Enter a valid email address" })
    .trim()
    .toLowerCase()
    .pipe(z.email({ error: "Enter a valid email address" }).max(320, "Email must be at most 320 characters")),
  password: newPasswordSchema,
});

export type SignUpInput = z.infer<typeof signUpSchema>;
