// What a new password must be (sign-up, password change). Length first; then it must not be one
// of the ~49,000 most common passwords (the list @zxcvbn-ts/language-common maintains from leaked
// password corpora), nor one character or a short pattern repeated ("aaaaaaaaaaaa",
// "abcabcabcabc"). Sign-in applies none of this: it must not hint at what a valid password is.
import { dictionary } from "@zxcvbn-ts/language-common";

export const COMMON_PASSWORD_MESSAGE = "This password is one of the most commonly used passwords. Choose one that is harder to guess.";
export const REPETITIVE_PASSWORD_MESSAGE = "This password repeats the same characters. Choose one that is harder to guess.";

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set(dictionary["passwords-common"].map((p) => p.toLowerCase()));
  return common;
}

/** "aaaaaaaaaaaa", "abababababab", "abcabcabcabc": a unit of up to 4 characters repeated throughout. */
function isRepetitive(password: string): boolean {
  const chars = [...password];
  for (let unit = 1; unit <= 4 && unit * 2 <= chars.length; unit++) {
    if (chars.every((c, i) => c === chars[i % unit])) return true;
  }
  return false;
}

/** Why the password is too weak, or null when it is acceptable. Length is checked by the schema. */
export function weakPasswordReason(password: string): string | null {
  if (isRepetitive(password)) return REPETITIVE_PASSWORD_MESSAGE;
  const normalized = password.trim().toLowerCase();
  if (commonPasswords().has(normalized) || commonPasswords().has(normalized.replace(/\s+/g, ""))) return COMMON_PASSWORD_MESSAGE;
  return null;
}
