// The client's IP for rate limiting. We take the first x-forwarded-for hop (the original client as
// reported by the proxy in front of us), then x-real-ip. A client talking to us directly can forge
// these headers, which is why sign-in is also limited per email: the IP limit slows down spraying
// many accounts, the email limit protects each account regardless of the IP claimed.
export const UNKNOWN_IP = "unknown";

export function clientIpFromHeaders(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  if (forwarded) return forwarded.slice(0, 100);
  const real = headers.get("x-real-ip")?.trim();
  if (real) return real.slice(0, 100);
  return UNKNOWN_IP;
}
