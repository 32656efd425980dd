// Every page of the app, found by walking app/ for page.tsx files, so a new page is checked by the
// layout tests without anyone remembering to list it. Route groups "(app)" vanish from the URL;
// dynamic segments ("[id]") are filled from seeded data by the caller.
import { readdirSync } from "node:fs";
import path from "node:path";

export type Audience = "signed-out" | "member" | "admin";

export interface AppPage {
  /** The route as written in app/, e.g. "/accounts/[id]". */
  route: string;
  /** Who can open it: sign-in, sign-up and password-reset pages signed out, /admin as the admin, the rest as a member. */
  audience: Audience;
}

const appDir = path.join(import.meta.dirname, "..", "app");

function walk(dir: string, segments: string[], out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      // API routes and private folders (_components) are not pages.
      if (entry.name === "api" || entry.name.startsWith("_")) continue;
      const segment = /^\(.*\)$/.test(entry.name) ? null : entry.name;
      walk(path.join(dir, entry.name), segment ? [...segments, segment] : segments, out);
    } else if (/^page\.(tsx|ts|jsx|js)$/.test(entry.name)) {
      out.push(`/${segments.join("/")}`);
    }
  }
}

export function appPages(): AppPage[] {
  const routes: string[] = [];
  walk(appDir, [], routes);
  return routes
    .filter((route) => route !== "/") // the root only redirects
    .sort()
    .map((route) => ({
      route,
      audience: route.startsWith("/admin") ? "admin" : /^\/(sign-(in|up)|forgot-password|reset-password)$/.test(route) ? "signed-out" : "member",
    }));
}
