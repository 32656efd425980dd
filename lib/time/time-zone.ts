// Time zones for display and for date filters. A zone is an IANA name ("Europe/Berlin") taken from
// the person's browser; anything Intl does not know falls back to UTC. Pure Intl, no framework.

export const DEFAULT_TIME_ZONE = "UTC";

/** The zone if Intl knows it (canonical spelling), otherwise UTC. */
export function normalizeTimeZone(value: string | null | undefined): string {
  if (!value || value.length > 64) return DEFAULT_TIME_ZONE;
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return DEFAULT_TIME_ZONE;
  }
}

/** Milliseconds the zone is ahead of UTC at that instant (Berlin in winter: +3,600,000). */
export function zoneOffsetMs(at: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second"));
  return asUtc - (at.getTime() - at.getMilliseconds());
}

/** The instant a calendar day ("2026-11-21") starts in the zone. */
export function startOfDayInZone(isoDate: string, timeZone: string): Date {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // Two passes: the offset at the guessed instant can differ from the offset at the answer when a
  // daylight-saving change falls between them.
  let instant = wall - zoneOffsetMs(new Date(wall), timeZone);
  instant = wall - zoneOffsetMs(new Date(instant), timeZone);
  return new Date(instant);
}

/** The day after an ISO date, as an ISO date ("2026-12-31" → "2027-01-01"). */
export function nextIsoDate(isoDate: string): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** "Nov 21, 2026, 2:21 PM CET": the time in the zone, with the zone named. */
export function formatDateTimeInZone(date: Date, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }).format(date) + ` ${zoneName(date, timeZone, locale)}`;
}

/** The zone's short name at that instant: "UTC", "CET", "PST", or "GMT+5:30" where there is no abbreviation. */
export function zoneName(date: Date, timeZone: string, locale = "en-US"): string {
  const part = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: "short" }).formatToParts(date).find((p) => p.type === "timeZoneName");
  return part?.value ?? timeZone;
}

/** "Nov 21, 2026": the calendar day in the zone. */
export function formatDateInZone(date: Date, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(date);
}

/** "2:05 PM": the time of day in the zone. */
export function formatTimeInZone(date: Date, timeZone: string, locale = "en-US"): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: "short", timeZone }).format(date);
}
