// What a form's server action returns to useActionState. Expected errors (AppError) carry their
// message and per-field messages to the form; anything else is logged and shown generically, so a
// stack trace never reaches the page.
import { asExpectedError } from "@/lib/db/database-errors";

export type FormState = {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Submitted values (never passwords) so the form keeps what the user typed after an error. */
  values?: Record<string, string>;
};

export const IDLE: FormState = { status: "idle" };

export const GENERIC_ERROR_MESSAGE = "Something went wrong on our side. Please try again.";

export function errorState(thrown: unknown, values?: Record<string, string>): FormState {
  const error = asExpectedError(thrown);
  if (error) {
    return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values };
  }
  console.error(thrown);
  return { status: "error", message: GENERIC_ERROR_MESSAGE, values };
}

/** A string field from FormData ("" when absent or a file). */
export function field(formData: FormData, name: string): string {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
}
