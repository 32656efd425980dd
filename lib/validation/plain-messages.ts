// Validation messages in plain sentences, for every zod schema in the app (forms and the JSON API).
// Zod's defaults read like "Too small: expected number to be >=1"; this error map says
// "Amount must be at least 1." and lists the allowed values of an enum. A schema's own message
// (`.min(1, "Enter your name")`) still wins: zod consults this map only where none was given.
// Installed once, globally, by importing this module (lib/errors/app-error.ts does).
// Only zod's tiny `config` is imported (not the schema library), so this module stays light in the
// client bundles that import lib/errors/app-error.ts through form-state.
import { config, type $ZodErrorMap } from "zod/v4/core";

type Issue = Parameters<$ZodErrorMap>[0];

/** "fromAccountId" → "From account id"; the last named segment of the path, or "This value". */
export function fieldLabel(path: readonly PropertyKey[] | undefined): string {
  const key = [...(path ?? [])].reverse().find((p): p is string => typeof p === "string");
  if (!key) return "This value";
  const words = key.replace(/([a-z0-9])([A-Z])/g, "$1 $2").replace(/[_-]+/g, " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function describeInput(input: unknown): string {
  if (input === null) return "null";
  if (Array.isArray(input)) return "a list";
  if (typeof input === "object") return "an object";
  if (typeof input === "number") return "a number";
  if (typeof input === "boolean") return "true or false";
  if (typeof input === "bigint") return "a number";
  return typeof input === "string" ? "text" : typeof input;
}

const EXPECTED: Record<string, string> = {
  string: "text",
  number: "a number",
  int: "a whole number",
  bigint: "a whole number",
  boolean: "true or false",
  array: "a list",
  object: "an object",
  date: "a date",
};

function formatValue(value: unknown): string {
  return typeof value === "string" ? value : String(value);
}

function sizeUnit(origin: string | undefined, n: number | bigint): string {
  if (origin === "string") return n === 1 || n === 1n ? " character" : " characters";
  if (origin === "array" || origin === "set") return n === 1 || n === 1n ? " item" : " items";
  return "";
}

export function plainMessage(issue: Issue): string | undefined {
  const label = fieldLabel(issue.path);
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined) return `${label} is required.`;
      return `${label} must be ${EXPECTED[issue.expected] ?? issue.expected}, not ${describeInput(issue.input)}.`;
    case "too_small": {
      if (issue.origin === "string" && Number(issue.minimum) === 1) return `${label} must not be empty.`;
      const bound = `${formatValue(issue.minimum)}${sizeUnit(issue.origin, issue.minimum)}`;
      return issue.inclusive === false ? `${label} must be more than ${bound}.` : `${label} must be at least ${bound}.`;
    }
    case "too_big": {
      const bound = `${formatValue(issue.maximum)}${sizeUnit(issue.origin, issue.maximum)}`;
      return issue.inclusive === false ? `${label} must be less than ${bound}.` : `${label} must be at most ${bound}.`;
    }
    case "invalid_value": {
      const values = issue.values.map((v) => formatValue(v));
      return values.length === 1 ? `${label} must be ${values[0]}.` : `${label} must be one of: ${values.join(", ")}.`;
    }
    case "invalid_format":
      if (issue.format === "email") return `${label} must be a valid email address.`;
      if (issue.format === "regex") return `${label} is not in the expected format.`;
      return `${label} must be a valid ${issue.format}.`;
    case "not_multiple_of":
      return `${label} must be a multiple of ${formatValue(issue.divisor)}.`;
    case "unrecognized_keys":
      return `Unknown field${issue.keys.length === 1 ? "" : "s"}: ${issue.keys.join(", ")}.`;
    case "invalid_union":
    case "invalid_key":
    case "invalid_element":
    case "custom":
      return `${label} is not valid.`;
    default:
      return undefined;
  }
}

// zod keeps its configuration on globalThis, so this reaches every copy of zod in the process.
config({ customError: plainMessage });
