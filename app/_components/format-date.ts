import { formatDateTimeInZone } from "@/lib/time/time-zone";

/**
 * A time with its zone written out ("Nov 21, 2026, 2:05 PM GMT+1"). Pages pass the person's zone
 * (personTimeZone()); without one it is UTC, which is also what CSV exports and the API use.
 */
export function formatDateTime(date: Date, timeZone = "UTC"): string {
  return formatDateTimeInZone(date, timeZone);
}
