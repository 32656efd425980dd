// The person's time zone and number locale, as the browser reports them. The zone is remembered in
// a cookie written by <TimeZoneCookie /> (the browser's Intl zone); the locale comes from
// Accept-Language. Both fall back to UTC / en-US and are only ever used for display and parsing,
// never for authorization. Pages read them through next/headers; route handlers from their Request.
import { cookies, headers } from "next/headers";
import { normalizeTimeZone } from "@/lib/time/time-zone";

export const TIME_ZONE_COOKIE = "tz";

export async function personTimeZone(): Promise<string> {
  return normalizeTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}

/** The browser's first language that Intl supports ("de-DE"), or en-US. */
export async function personLocale(): Promise<string> {
  return localeFromAcceptLanguage((await headers()).get("accept-language"));
}

/** The same two preferences from a route handler's request. */
export function requestPrefs(request: Request): { timeZone: string; locale: string } {
  const cookie = (request.headers.get("cookie") ?? "")
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === TIME_ZONE_COOKIE)?.[1];
  let zone: string | undefined;
  try {
    zone = cookie === undefined ? undefined : decodeURIComponent(cookie);
  } catch {
    zone = undefined;
  }
  return { timeZone: normalizeTimeZone(zone), locale: localeFromAcceptLanguage(request.headers.get("accept-language")) };
}

export function localeFromAcceptLanguage(header: string | null): string {
  for (const tag of (header ?? "").split(",").map((part) => part.split(";")[0]!.trim())) {
    if (!tag || tag === "*") continue;
    try {
      const [supported] = Intl.NumberFormat.supportedLocalesOf(tag);
      if (supported) return supported;
    } catch {
      // not a valid language tag
    }
  }
  return "en-US";
}
