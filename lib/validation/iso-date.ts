// Calendar dates typed into filters (YYYY-MM-DD, UTC). JavaScript's Date quietly rolls an
// impossible date over (2026-02-30 becomes March 2) and accepts year 0, which PostgreSQL then
// refuses mid-query; both are refused here with a message instead.
import { z } from "zod";

export const EARLIEST_DATE = "1900-01-01";
export const LATEST_DATE = "2999-12-31";

export type IsoDateProblem = "format" | "missing" | "range";

export function isoDateProblem(value: string): IsoDateProblem | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return "format";
  const ms = Date.parse(`${value}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== value) return "missing";
  if (value < EARLIEST_DATE || value > LATEST_DATE) return "range";
  return null;
}

/** A YYYY-MM-DD date that exists and is within range; `label` starts each message ("From", "Dates"). */
export function isoDateSchema(label: string) {
  return z.string().superRefine((value, ctx) => {
    const problem = isoDateProblem(value);
    if (problem === "format") ctx.addIssue({ code: "custom", message: `${label} must look like 2026-11-21.` });
    if (problem === "missing") ctx.addIssue({ code: "custom", message: `${label}: ${value} is not a date on the calendar.` });
    if (problem === "range") ctx.addIssue({ code: "custom", message: `${label} must be between ${EARLIEST_DATE} and ${LATEST_DATE}.` });
  });
}
