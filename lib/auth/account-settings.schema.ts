import { z } from "zod";
import { plainText } from "../validation/text";
import { newPasswordSchema } from "./password.schema";

export const updateNameSchema = z.object({
  name: plainText("Your name can't contain control characters", { error: "Enter your name" })
    .trim()
    .min(1, "Enter your name")
    .max(100, "Name must be at most 100 characters"),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password" }).min(1, "Enter your current password").max(1024),
    newPassword: newPasswordSchema,
  })
  .refine((p) => p.newPassword !== p.currentPassword, {
    message: "Choose a new password that is different from the current one",
    path: ["newPassword"],
  });
