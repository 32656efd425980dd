// fast-check arbitraries for hostile input, shared by the fuzz suites (issue 9 part 4): malformed
// and foreign ids, SQL and HTML payloads, control characters (NUL included: PostgreSQL cannot store
// it, so every field must refuse it before the database sees it), oversized strings, numbers beyond
// 64 bits, impossible dates, wrong JSON types. FUZZ_SCALE multiplies every suite's number of runs.
import fc from "fast-check";

export const FUZZ_SCALE = Math.max(1, Number(process.env.FUZZ_SCALE ?? 1));
export const runs = (n: number) => Math.round(n * FUZZ_SCALE);
/** A fixed seed per run unless FUZZ_SEED is given, printed by fast-check on failure. */
export const fuzzParams = (numRuns: number) => ({ numRuns: runs(numRuns), seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined });

export const SQL_PAYLOADS = ["' OR 1=1 --", "1; DROP TABLE ledger_entries; --", "'); DELETE FROM balances; --", "1 UNION SELECT password_hash FROM users", "$1", "\\x00"];
export const HTML_PAYLOADS = ['<script>alert("x")</script>', "<img src=x onerror=alert(1)>", '"><svg onload=alert(1)>', "javascript:alert(1)", "&lt;b&gt;"];

/** C0 control characters, NUL included, and DEL. */
const control = fc.oneof(fc.integer({ min: 0, max: 31 }), fc.constant(0x7f)).map((c) => String.fromCharCode(c));

/** Any hostile text: payloads, unicode, control characters, whitespace, oversized strings. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SQL_PAYLOADS, ...HTML_PAYLOADS, "", " ", "\t\n", "\u0000", "a\u0000b", "null", "undefined", "NaN", "[object Object]", "🙂", "\u202e", "\uffff", "\ud800"),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.array(control, { minLength: 1, maxLength: 5 }).map((cs) => cs.join("")),
  fc.tuple(fc.string({ maxLength: 5 }), control, fc.string({ maxLength: 5 })).map((p) => p.join("")),
  fc.integer({ min: 300, max: 5000 }).map((n) => "x".repeat(n)),
);

/** Ids in every shape: malformed, negative, huge (beyond 64 bits too), with payloads. */
export const hostileId: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("0", "-1", "1.5", "1e3", "0x10", " 1", "#1", "9223372036854775807", "9223372036854775808", "18446744073709551616", "00000000001", "", "abc", "cmissing0000000000000000", "\u0000", "cmissing\u0000", " cmissing0000000000000000"),
  fc.bigInt({ min: 0n, max: 2n ** 70n }).map(String),
  fc.integer({ min: 1, max: 100_000 }).map(String),
  hostileString,
);

/** Ids for a URL path: a lone surrogate cannot be percent-encoded (encodeURIComponent throws), so no client can send one. */
export const hostilePathId: fc.Arbitrary<string> = hostileId.map((id) => id.toWellFormed());

/** Email addresses as people type them (fast-check's emailAddress() is RFC-valid, but mostly refused by any real form). */
export const plausibleEmail: fc.Arbitrary<string> = fc.stringMatching(/^[a-z0-9]{1,10}([._+-][a-z0-9]{1,5})?@[a-z0-9]{1,10}\.(test|com|de)$/);

/** Amounts as API clients might send them (strings of minor units expected). */
export const hostileAmount: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("0", "-1", "1.5", "1e3", "0x10", "١٢", "NaN", "Infinity", "9223372036854775808", "99999999999999999999999", " 5", "5 ", ""),
  fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).map(String),
  fc.double().map(String),
  fc.integer(),
  hostileString,
);

export const hostileCurrency: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom("USD", "usd", "EUR", "XXX", "US", "USDD", "JPY", "", "💵"),
  fc.string({ minLength: 3, maxLength: 3 }),
  hostileString,
);

/** A JSON value of the wrong type for a string field. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

/** Valid calendar dates. */
export const isoDate = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
/** Dates in every shape: valid, impossible (February 30th, year 0), malformed, hostile text. */
export const hostileDate: fc.Arbitrary<string> = fc.oneof(
  isoDate,
  fc.constantFrom("2026-13-01", "2026-02-30", "2025-02-29", "2026-04-31", "0000-01-01", "9999-12-31", "2026-1-1", "21-11-2026", "yesterday", "2026-11-21T00:00:00Z"),
  hostileString,
);

/** A field of an object: omitted, hostile of its own kind, or the wrong JSON type. */
export function maybe<T>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<T | unknown | undefined> {
  return fc.oneof({ weight: 1, arbitrary: fc.constant(undefined) }, { weight: 6, arbitrary }, { weight: 1, arbitrary: wrongType });
}
