// Ids of rows that arrive as text (cuid, UUID) are short runs of visible ASCII. A value that cannot be
// one — empty, oversized, with spaces or control characters (a NUL cannot even be sent to PostgreSQL:
// the query fails with "invalid byte sequence") — is answered exactly like an id that does not exist,
// without asking the database, so malformed, nonexistent and someone else's ids all read alike.
const RECORD_ID = /^[\x21-\x7e]{1,100}$/;

export function isRecordId(value: unknown): value is string {
  return typeof value === "string" && RECORD_ID.test(value);
}
