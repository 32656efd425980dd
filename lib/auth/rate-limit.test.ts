import { describe, expect, it } from "vitest";
import { rateLimitMessage } from "./rate-limit";
import { INVALID_CREDENTIALS_MESSAGE, SignInRefused, signInErrorMessage } from "./sign-in-error";

describe("sign-in refusal messages", () => {
  it("names the wait in minutes", () => {
    expect(rateLimitMessage(1)).toBe("Too many failed sign-in attempts. Try again in 1 minute.");
    expect(rateLimitMessage(14)).toBe("Too many failed sign-in attempts. Try again in 14 minutes.");
  });

  it("maps refused sign-ins to form messages and ignores other errors", () => {
    expect(signInErrorMessage(new SignInRefused("invalid_credentials"))).toBe(INVALID_CREDENTIALS_MESSAGE);
    expect(signInErrorMessage(new SignInRefused("rate_limited", 3))).toBe(rateLimitMessage(3));
    expect(signInErrorMessage(new Error("boom"))).toBeNull();
  });
});
