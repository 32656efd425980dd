// Where to send someone after signing in, from untrusted input (the callbackUrl query parameter or
// form field). Only a path on this site is accepted. Browsers are lenient about what counts as
// "another origin": "//evil.example", "/\evil.example", "/\t/evil.example" (tabs and newlines are
// stripped from URLs) and their percent-encoded forms all leave the site, so anything with a
// backslash, a control character or whitespace, or a second leading slash in any spelling, is refused,
// and the result must still resolve to our own origin.
const BASE = "http://countinghouse.invalid";

export function isSafeRedirectPath(path: string | null | undefined): path is string {
  if (!path || path.length > 2048 || !path.startsWith("/")) return false;
  if (/[\\\s\u0000-\u001f\u007f-\u009f]/.test(path)) return false;
  let decoded = path;
  // Decode repeatedly (bounded) so %2F%2F, %252F%252F and %5C are seen for what they become.
  for (let i = 0; i < 3; i++) {
    let next: string;
    try {
      next = decodeURIComponent(decoded);
    } catch {
      return false;
    }
    if (next === decoded) break;
    decoded = next;
  }
  if (/^\/[\/\\]/.test(decoded) || /[\\\u0000-\u001f\u007f-\u009f]/.test(decoded)) return false;
  try {
    return new URL(path, BASE).origin === BASE;
  } catch {
    return false;
  }
}

/** A post-sign-in destination from untrusted input (query string, form field). */
export function safeRedirectPath(path: unknown, fallback = "/dashboard"): string {
  return typeof path === "string" && isSafeRedirectPath(path) ? path : fallback;
}

/**
 * Auth.js's redirect callback (after its own sign-in and sign-out endpoints): the same rule as
 * above, applied to whatever URL Auth.js was given, resolved against our origin.
 */
export function authRedirect(url: string, baseUrl: string): string {
  let target: URL;
  try {
    target = new URL(url, baseUrl);
  } catch {
    return `${baseUrl}/dashboard`;
  }
  if (target.origin !== new URL(baseUrl).origin) return `${baseUrl}/dashboard`;
  return `${baseUrl}${safeRedirectPath(url.startsWith("/") ? url : `${target.pathname}${target.search}${target.hash}`)}`;
}
