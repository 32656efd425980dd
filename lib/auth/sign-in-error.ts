// What the Credentials provider throws when a sign-in is refused. Auth.js passes CredentialsSignin
// subclasses through unchanged to the server action that called signIn(), which reads `code`
// (and retryAfterMinutes) to show the right message on the form.
// The same class next-auth re-exports; imported from @auth/core directly so this file (and its unit
// test) does not load next-auth's Next.js bindings.
import { CredentialsSignin } from "@auth/core/errors";
import { rateLimitMessage } from "./rate-limit";

export const INVALID_CREDENTIALS_MESSAGE = "Email or password is incorrect";

export type SignInFailureCode = "invalid_credentials" | "rate_limited";

export class SignInRefused extends CredentialsSignin {
  override code: SignInFailureCode;
  readonly retryAfterMinutes?: number;

  constructor(code: SignInFailureCode, retryAfterMinutes?: number) {
    super(code);
    this.code = code;
    this.retryAfterMinutes = retryAfterMinutes;
  }
}

/** The message for the sign-in form, or null when the error is not a refused sign-in. */
export function signInErrorMessage(error: unknown): string | null {
  // Compare by shape rather than instanceof: the action and the provider may be bundled separately.
  if (!(error instanceof Error) || (error as { type?: string }).type !== "CredentialsSignin") return null;
  const { code, retryAfterMinutes } = error as { code?: string; retryAfterMinutes?: number };
  if (code === "rate_limited" && retryAfterMinutes) return rateLimitMessage(retryAfterMinutes);
  return INVALID_CREDENTIALS_MESSAGE;
}
