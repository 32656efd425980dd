// The clients' view of the app: a round-robin "load balancer" over the instances, and a request
// loop that retries until it gets an answer. A connection error, a timeout or a 5xx is an
// AMBIGUOUS outcome (the write may or may not have happened): the operation is retried with the same
// idempotency key — on whichever instance answers — until the app says what happened. A 4xx, 200 or
// 201 is an answer.
import type { AppInstance } from "./app-instances";

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** Attempts after the first (connection errors, timeouts, 5xx). */
  retries: number;
  /** Why each of those attempts failed (for a violation's text). */
  problems: string[];
}

export class Balancer {
  private next = 0;
  constructor(readonly instances: AppInstance[]) {}

  /** The next instance believed up; when all are down, the next one anyway (its request fails and is retried). */
  pick(): AppInstance {
    for (let i = 0; i < this.instances.length; i++) {
      const instance = this.instances[this.next++ % this.instances.length]!;
      if (instance.up) return instance;
    }
    return this.instances[this.next++ % this.instances.length]!;
  }
}

export class GaveUp extends Error {}

const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Sends `build(baseUrl)` until answered. `giveUpAt` bounds the retries (the run's end plus a grace
 * period); past it the outcome stays unresolved and GaveUp is thrown.
 */
export async function untilAnswered(
  balancer: Balancer,
  build: (baseUrl: string) => Promise<Request> | Request,
  giveUpAt: number,
): Promise<Answer> {
  let retries = 0;
  let lastProblem = "";
  const problems: string[] = [];
  for (;;) {
    const instance = balancer.pick();
    try {
      const request = await build(instance.baseUrl);
      const response = await fetch(request, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS), redirect: "manual" });
      const text = await response.text();
      if (response.status < 500) return { status: response.status, headers: response.headers, text, retries, problems };
      lastProblem = `${response.status} ${text.slice(0, 200)}`;
    } catch (error) {
      lastProblem = `${instance.name}: ${(error as Error).message} ${String((error as { cause?: unknown }).cause ?? "")}`;
    }
    retries++;
    problems.push(lastProblem.slice(0, 120));
    if (Date.now() > giveUpAt) throw new GaveUp(`no answer after ${retries} attempts; last: ${lastProblem}`);
    await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** Math.min(retries, 5)) * (0.5 + Math.random())));
  }
}

/** Cookie jar of one client: enough of RFC 6265 for Auth.js's cookies on one host. */
export class CookieJar {
  private readonly cookies = new Map<string, string>();

  store(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      if (eq > 0) this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  has(name: string): boolean {
    return this.cookies.has(name);
  }
}
