import { describe, expect, it } from "vitest";
import { z } from "zod";
import "./plain-messages";
import { fieldLabel } from "./plain-messages";

function message(schema: z.ZodType, input: unknown): string {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("accepted");
  return result.error.issues[0]!.message;
}

describe("plain validation messages", () => {
  it("names the field and says what it must be", () => {
    expect(message(z.object({ amount: z.number().min(1) }), { amount: 0 })).toBe("Amount must be at least 1.");
    expect(message(z.object({ amount: z.number().max(10) }), { amount: 11 })).toBe("Amount must be at most 10.");
    expect(message(z.object({ amount: z.number().positive() }), { amount: 0 })).toBe("Amount must be more than 0.");
    expect(message(z.object({ name: z.string().max(3) }), { name: "long" })).toBe("Name must be at most 3 characters.");
    expect(message(z.object({ name: z.string().min(1) }), { name: "" })).toBe("Name must not be empty.");
  });

  it("says which type was expected and which was sent", () => {
    expect(message(z.object({ fromAccountId: z.string() }), { fromAccountId: ["7"] })).toBe("From account id must be text, not a list.");
    expect(message(z.object({ description: z.string() }), { description: {} })).toBe("Description must be text, not an object.");
    expect(message(z.object({ to: z.string() }), {})).toBe("To is required.");
  });

  it("lists the allowed values", () => {
    expect(message(z.object({ type: z.enum(["transfer", "refund"]) }), { type: "gift" })).toBe("Type must be one of: transfer, refund.");
  });

  it("keeps a schema's own message", () => {
    expect(message(z.object({ name: z.string().min(1, "Enter your name") }), { name: "" })).toBe("Enter your name");
  });

  it("labels camelCase and snake_case keys", () => {
    expect(fieldLabel(["fromAccountId"])).toBe("From account id");
    expect(fieldLabel(["items", 0, "unit_price"])).toBe("Unit price");
    expect(fieldLabel([])).toBe("This value");
  });
});
