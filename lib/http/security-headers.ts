// Security headers for every response (set by proxy.ts). Framework-free so they are unit-tested.
//
// Scripts run only with this request's nonce ('strict-dynamic' lets those scripts load the chunks
// they need); Next.js reads the nonce from the request's Content-Security-Policy header and puts it
// on its own script tags, which is why every page renders dynamically (app/layout.tsx). Styles
// allow 'unsafe-inline': React style attributes (progress bars) need it, and styles cannot run code.

export function generateNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, dev }: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    // React's development build uses eval for better error stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export function securityHeaders({ nonce, dev, production }: { nonce: string; dev: boolean; production: boolean }): Record<string, string> {
  return {
    "content-security-policy": contentSecurityPolicy({ nonce, dev }),
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    "cross-origin-opener-policy": "same-origin",
    // Browsers ignore HSTS over plain http, so it is harmless behind a TLS-terminating proxy and
    // useless (and confusing) in development.
    ...(production ? { "strict-transport-security": "max-age=31536000; includeSubDomains" } : {}),
  };
}
