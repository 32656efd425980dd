/** Only same-origin absolute paths: "/x" but never "//evil.example", "/\evil.example" or "https://…". */
export function isSafeRedirectPath(path: string | null | undefined): path is string {
  return !!path && path.startsWith("/") && !path.startsWith("//") && !path.startsWith("/\\");
}

/** A post-sign-in destination from untrusted input (query string, form field). */
export function safeRedirectPath(path: unknown, fallback = "/dashboard"): string {
  return typeof path === "string" && isSafeRedirectPath(path) ? path : fallback;
}
