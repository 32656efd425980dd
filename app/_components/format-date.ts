const dateTime = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

/** Times are shown in UTC everywhere, with the zone written out, so screens and CSV exports agree. */
export function formatDateTime(date: Date): string {
  return `${dateTime.format(date)} UTC`;
}
