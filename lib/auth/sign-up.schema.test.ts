import { describe, expect, it } from "vitest";
import { fieldErrorsFromIssues } from "@/lib/errors/app-error";
import { signUpSchema } from "./sign-up.schema";

function errors(input: unknown) {
  const result = signUpSchema.safeParse(input);
  return result.success ? {} : fieldErrorsFromIssues(result.error.issues);
}

describe("signUpSchema", () => {
  it("trims and lower-cases the email and trims the name", () => {
    const result = signUpSchema.parse({ name: "  Ada Lovelace ", email: "  Ada@Example.COM ", password: "correct horse battery" });
    expect(result).toEqual({ name: "Ada Lovelace", email: "ada@example.com", password: "correct horse battery" });
  });

  it("rejects a malformed email", () => {
    expect(errors({ name: "Ada", email: "not-an-email", password: "long enough password" })).toEqual({
      email: "Enter a valid email address",
    });
  });

  it("rejects a password under 12 characters", () => {
    expect(errors({ name: "Ada", email: "ada@example.com", password: "elevenchars" })).toEqual({
      password: "Password must be at least 12 characters",
    });
  });

  it("accepts a password of exactly 12 characters", () => {
    expect(errors({ name: "Ada", email: "ada@example.com", password: "twelve chars" })).toEqual({});
  });

  it("reports every missing field with a readable message", () => {
    expect(errors({})).toEqual({
      name: "Enter your name",
      email: "Enter a valid email address",
      password: "Password must be at least 12 characters",
    });
  });

  it("rejects a blank name", () => {
    expect(errors({ name: "   ", email: "ada@example.com", password: "long enough password" })).toEqual({ name: "Enter your name" });
  });
});
