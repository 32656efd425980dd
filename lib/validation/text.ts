// Text fields that end up in PostgreSQL. A NUL character cannot be stored in a `text` column (the
// driver fails with "invalid byte sequence"), and other control characters have no business in a
// name or a description, so they are refused up front with a message naming the field.
import { z } from "zod";

// Tab, line feed and carriage return are allowed where `multiline` is set; every other C0 control
// character, DEL and the C1 controls never are.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001f\u007f-\u009f]/;

export function hasControlCharacters(value: string, { multiline = false } = {}): boolean {
  return (multiline ? CONTROL : CONTROL_SINGLE_LINE).test(value);
}

/** z.string() that refuses control characters (NUL included) with `message`. */
export function plainText(message: string, options: { multiline?: boolean; error?: string } = {}) {
  return z
    .string(options.error ? { error: options.error } : undefined)
    .refine((value) => !hasControlCharacters(value, options), { message, abort: true });
}
