// The person's time zone and number locale, as the browser reports them. The zone is remembered in
// a cookie written by <TimeZoneCookie /> (the browser's Intl zone); the locale comes from
// Accept-Language. Both fall back to UTC / en-US and are only ever used for display and parsing,
// never for authorization.
import { cookies, headers } from "next/headers";
import { normalizeTimeZone } from "@/lib/time/time-zone";

export const TIME_ZONE_COOKIE = "tz";

export async function personTimeZone(): Promise<string> {
  return normalizeTimeZone((await cookies()).get(TIME_ZONE_COOKIE)?.value);
}

/** The browser's first language that Intl supports ("de-DE"), or en-US. */
export async function personLocale(): Promise<string> {
  const header = (await headers()).get("accept-language") ?? "";
  for (const tag of header.split(",").map((part) => part.split(";")[0]!.trim())) {
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
