// URLs of the admin tables: the current search params with some changed. Any change to sort,
// filters or page size drops the page cursor (after/before), because a cursor only means something
// under the sort and filters it was taken with. Usable from server and client components.

export type SearchValues = Record<string, string>;

export const CURSOR_KEYS = ["after", "before"] as const;

export function hrefWith(pathname: string, current: SearchValues, changes: Record<string, string | undefined> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(current)) {
    if (!(CURSOR_KEYS as readonly string[]).includes(key) && !(key in changes) && value !== "") params.set(key, value);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value !== undefined && value !== "") params.set(key, value);
  }
  const query = params.toString();
  return query ? `${pathname}?${query}` : pathname;
}

/** Form fields → search values: blanks dropped, so URLs stay short and readable. */
export function valuesFromForm(form: FormData): SearchValues {
  const out: SearchValues = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && value.trim() !== "") out[key] = value.trim();
  }
  return out;
}
