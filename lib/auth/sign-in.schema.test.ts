import { describe, expect, it } from "vitest";
import { signInSchema } from "./sign-in.schema";

describe("signInSchema", () => {
  it("normalizes the email like sign-up does", () => {
    expect(signInSchema.parse({ email: " Ada@Example.com", password: "x" })).toEqual({ email: "ada@example.com", password: "x" });
  });

  it("does not apply password rules (that would hint at what a valid password looks like)", () => {
    expect(signInSchema.safeParse({ email: "ada@example.com", password: "short" }).success).toBe(true);
  });

  it("requires both fields", () => {
    expect(signInSchema.safeParse({ email: "", password: "" }).success).toBe(false);
    expect(signInSchema.safeParse({}).success).toBe(false);
  });
});
