import { describe, expect, it } from "vitest";
import { COMMON_PASSWORD_MESSAGE, REPETITIVE_PASSWORD_MESSAGE, weakPasswordReason } from "./password-policy";

describe("weakPasswordReason", () => {
  it("refuses a single character or a short pattern repeated", () => {
    for (const password of ["aaaaaaaaaaaa", "111111111111", "            ", "abababababab", "abcabcabcabc", "Ab1!Ab1!Ab1!"]) {
      expect(weakPasswordReason(password), password).toBe(REPETITIVE_PASSWORD_MESSAGE);
    }
  });

  it("refuses very common passwords, whatever their case", () => {
    for (const password of ["password1234", "1q2w3e4r5t6y", "123456789012", "QAZWSXEDCRFV", "leavemealone"]) {
      expect(weakPasswordReason(password), password).toBe(COMMON_PASSWORD_MESSAGE);
    }
  });

  it("accepts ordinary long passwords", () => {
    for (const password of ["correct-horse-battery", "a long password!", "Tr0ub4dor&3 is long", "abcdabcdabce"]) {
      expect(weakPasswordReason(password), password).toBeNull();
    }
  });
});
