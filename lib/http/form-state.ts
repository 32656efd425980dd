// What a server action returns to its form (useActionState). Expected errors show their message
// and per-field messages; anything else is logged and the user sees a generic message.
import { isAppError } from "../errors/app-error";

export interface FormState<T = undefined> {
  status: "idle" | "error" | "success";
  message?: string;
  fieldErrors?: Record<string, string>;
  /** Echo of submitted values so the form keeps them after an error. */
  values?: Record<string, string>;
  data?: T;
}

export function formError<T>(error: unknown, values?: Record<string, string>): FormState<T> {
  if (isAppError(error)) {
    return { status: "error", message: error.message, fieldErrors: error.fieldErrors, values };
  }
  console.error("Unexpected error in a form action", error);
  return { status: "error", message: "Something went wrong on our side. Nothing was changed; please try again.", values };
}
