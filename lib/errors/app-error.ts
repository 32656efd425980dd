// Expected errors: things a user or API client did or can fix. Their message is safe to show as is.
// Anything else that escapes a handler is unexpected: it is logged and answered with a generic
// message (see lib/http/api-response.ts and app/_components/form-state.ts), never a stack trace.
// Zod's messages become plain sentences wherever validation errors are turned into AppErrors.
import "../validation/plain-messages";

export const ERROR_STATUS = {
  bad_request: 400,
  unsupported_media_type: 415,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  idempotency_conflict: 409,
  invalid_input: 422,
  insufficient_funds: 422,
  account_closed: 422,
  currency_mismatch: 422,
  rate_limited: 429,
  /** Busy (lock or statement timeout): nothing changed, retry after `retryAfterSeconds`. */
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override name = "AppError";
  readonly code: ErrorCode;
  /** Per-field messages for forms, keyed by input name. */
  readonly fieldErrors?: Record<string, string>;
  /** For rate_limited and unavailable: when to try again (sent as the Retry-After header). */
  readonly retryAfterSeconds?: number;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { fieldErrors?: Record<string, string>; cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, { cause: options?.cause });
    this.code = code;
    this.fieldErrors = options?.fieldErrors;
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Field errors from a zod error, first message per field. */
export function fieldErrorsFromIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join(".") || "_form";
    out[key] ??= issue.message;
  }
  return out;
}
