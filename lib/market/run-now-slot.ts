// The slot of an admin's "Run now". The form carries a UUID drawn when the page was rendered (and a
// new one after each completed run), so submitting the same form twice — a double click, a browser
// retry after a timeout — claims the same slot and runs the marketplace once; the second answer
// names the run already recorded. A fresh slot per POST would run it twice.
import { AppError } from "../errors/app-error";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const STALE_RUN_FORM_MESSAGE = "This form was out of date, so nothing ran. Press Run now again.";

export function isRunNowToken(formSlot: string): boolean {
  return UUID.test(formSlot);
}

/** `manual:<uuid>` for the form's slot field; AppError('invalid_input') naming `slot` for anything else. */
export function runNowSlot(formSlot: string): string {
  if (!isRunNowToken(formSlot)) throw new AppError("invalid_input", STALE_RUN_FORM_MESSAGE, { fieldErrors: { slot: STALE_RUN_FORM_MESSAGE } });
  // One UUID, one slot, whatever its letter case.
  return `manual:${formSlot.toLowerCase()}`;
}
