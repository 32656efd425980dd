import { z } from "zod";
import { plainText } from "../validation/text";

export const createApiTokenSchema = z.object({
  name: plainText("The token name can't contain control characters", { error: "Give the token a name" })
    .trim()
    .min(1, "Give the token a name")
    .max(60, "Name must be at most 60 characters"),
});

export const revokeApiTokenSchema = z.object({
  tokenId: z.string({ error: "Missing token" }).min(1, "Missing token").max(64),
});

export type CreateApiTokenInput = z.infer<typeof createApiTokenSchema>;
