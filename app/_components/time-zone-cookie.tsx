"use client";

// Remembers the browser's time zone in a cookie so server-rendered times are the person's own.
// When the cookie is missing or stale (travel, first visit), it is written and the page re-rendered.
import { useRouter } from "next/navigation";
import { useEffect } from "react";

export function TimeZoneCookie({ current }: { current: string }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || zone === current) return;
    document.cookie = `tz=${zone}; path=/; max-age=31536000; samesite=lax`;
    router.refresh();
  }, [current, router]);
  return null;
}
