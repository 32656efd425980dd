// What every refusal must look like: a 4xx with the standard JSON error (a code, a message, and for
// invalid input the field it is about), never a 500 and never a stack trace.
import { expect } from "vitest";

const STACK_TRACE = /\bat [\w$.<>]+ \(|\.tsx?:\d+|node_modules|PrismaClient|Error: [A-Z]/;

export interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

/** Parses and checks an API answer; returns it for further assertions. `allowed` statuses pass through. */
export async function apiAnswer(response: Response, allowed: number[] = []): Promise<{ status: number; text: string; body: unknown }> {
  const text = await response.text();
  const status = response.status;
  expect(STACK_TRACE.test(text), `stack trace in ${status} answer: ${text.slice(0, 300)}`).toBe(false);
  if (allowed.includes(status)) return { status, text, body: text ? JSON.parse(text) : null };
  expect(status, `expected a 4xx, got ${status}: ${text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(status, `expected a 4xx, got ${status}: ${text.slice(0, 300)}`).toBeLessThan(500);
  const body = JSON.parse(text) as ErrorBody;
  expect(typeof body.error?.code, text).toBe("string");
  expect(body.error.message.length, text).toBeGreaterThan(0);
  return { status, text, body };
}

/** An invalid-input refusal names one of `fields` (in `fields` or in the message). */
export function expectNamesField(body: unknown, fields: string[]): void {
  const error = (body as ErrorBody).error;
  const named = Object.keys(error.fields ?? {}).some((f) => fields.includes(f)) || fields.some((f) => error.message.toLowerCase().includes(f.toLowerCase()));
  expect(named, `no field of ${fields.join(", ")} named in ${JSON.stringify(error)}`).toBe(true);
}
