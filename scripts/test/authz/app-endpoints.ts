// Every page, route handler and server action of the app, found by walking app/ — so the
// authorization matrix (matrix.ts) fails when a new one appears without an entry.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface AppEndpoint {
  /** "page /accounts/[id]", "GET /api/v1/transfers", "action app/(app)/transfer/actions.ts#transferAction" */
  key: string;
  kind: "page" | "route" | "action";
  file: string;
}

const METHODS = /export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\b/g;

/** URL path of a folder under app/: route groups "(x)" vanish; "_private" folders are not routes. */
function urlPath(dir: string): string | null {
  const segments = dir.split(path.sep).filter(Boolean);
  if (segments.some((s) => s.startsWith("_"))) return null;
  return "/" + segments.filter((s) => !(s.startsWith("(") && s.endsWith(")"))).join("/");
}

export function listAppEndpoints(root: string): AppEndpoint[] {
  const appDir = path.join(root, "app");
  const endpoints: AppEndpoint[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(path.join(appDir, dir), { withFileTypes: true })) {
      const rel = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(rel);
        continue;
      }
      if (/\.(test|spec)\.tsx?$/.test(entry.name) || !/\.tsx?$/.test(entry.name)) continue;
      const file = path.join("app", rel);
      const source = readFileSync(path.join(appDir, rel), "utf8");
      const url = urlPath(dir);
      if (entry.name === "page.tsx" && url !== null) endpoints.push({ key: `page ${url}`, kind: "page", file });
      if (entry.name === "route.ts" && url !== null) {
        const methods = [...source.matchAll(METHODS)].map((m) => m[1]!);
        // `export const { GET, POST } = handlers;` (Auth.js)
        for (const m of source.matchAll(/export\s+const\s+\{([^}]*)\}/g)) methods.push(...m[1]!.split(",").map((s) => s.trim().split(/\s*:\s*/).pop()!).filter((s) => /^[A-Z]+$/.test(s)));
        for (const method of methods) endpoints.push({ key: `${method} ${url}`, kind: "route", file });
      }
      // A module-level "use server" makes every exported async function a server action.
      if (/^\s*(?:\/\/[^\n]*\n\s*)*["']use server["']/.test(source)) {
        for (const m of source.matchAll(/export\s+async\s+function\s+(\w+)/g)) endpoints.push({ key: `action ${file.split(path.sep).join("/")}#${m[1]}`, kind: "action", file });
      }
    }
  };
  walk("");
  return endpoints.sort((a, b) => a.key.localeCompare(b.key));
}
