// Gapless document numbers, PREFIX-YYYY-NNNN, per seller per year, one counter row per
// (seller, kind, year) in document_counters. Never a sequence (a rolled-back nextval leaves a gap)
// and never "count + 1" / "max + 1" (two transactions read the same count and collide).
//
// The counter row is incremented by an upsert, which takes its row lock; callers do this LAST in
// their transaction (only inserts of brand-new rows may follow), so concurrent checkouts of one
// seller serialize on the counter only for the final statement and the commit. A rollback undoes
// the increment, so the numbers stay gapless.

/** "INV", 2026, 7 → "INV-2026-0007"; 4 digits minimum, more when a seller issues > 9999 a year. */
export function formatDocumentNumber(prefix: string, year: number, sequence: number): string {
  return `${prefix}-${year}-${String(sequence).padStart(4, "0")}`;
}

export const CREDIT_NOTE_PREFIX = "CN";

/**
 * SQL fragment (a data-modifying CTE named `counter`) that increments the counter. $1 company id,
 * $2 kind, $3 year. Exposed as SQL so the caller can insert the document in the same statement.
 */
export const NEXT_NUMBER_CTE = `counter AS (
  INSERT INTO document_counters (company_id, kind, year, last_number) VALUES ($1, $2, $3, 1)
  ON CONFLICT (company_id, kind, year) DO UPDATE SET last_number = document_counters.last_number + 1
  RETURNING last_number)`;

/** The same rule as formatDocumentNumber, in SQL: prefix, year, sequence → text. */
export const NUMBER_SQL = (prefix: string, year: string, seq: string) =>
  `${prefix} || '-' || ${year}::text || '-' || lpad(${seq}::text, greatest(4, length(${seq}::text)), '0')`;
