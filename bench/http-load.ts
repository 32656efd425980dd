// The HTTP workloads of `npm run bench:http`, driven by autocannon (16 keep-alive connections, closed
// loop): each request is built when it is sent, so every transfer has its own Idempotency-Key and a
// random sender (with that sender's API token) and recipient.
import { randomUUID } from "node:crypto";
import autocannon from "autocannon";

export interface BenchUser {
  token: string;
  accountId: bigint;
}

export type Scenario = "health" | "account" | "transfer-uniform" | "transfer-hot";

export interface LoadFigures {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  /** A few of the non-2xx bodies, to say why. */
  sampleFailures: string[];
}

function pickRequest(scenario: Scenario, users: readonly BenchUser[]) {
  const random = (n: number) => Math.floor(Math.random() * n);
  switch (scenario) {
    case "health":
      return { method: "GET" as const, path: "/api/health", headers: {} };
    case "account": {
      const user = users[random(users.length)]!;
      return { method: "GET" as const, path: `/api/v1/accounts/${user.accountId}`, headers: { authorization: `Bearer ${user.token}` } };
    }
    case "transfer-uniform":
    case "transfer-hot": {
      // Hot: every transfer credits users[0]; nobody sends from it.
      const fromIndex = scenario === "transfer-hot" ? 1 + random(users.length - 1) : random(users.length);
      let toIndex = scenario === "transfer-hot" ? 0 : random(users.length - 1);
      if (scenario === "transfer-uniform" && toIndex >= fromIndex) toIndex++;
      const from = users[fromIndex]!;
      return {
        method: "POST" as const,
        path: "/api/v1/transfers",
        headers: { authorization: `Bearer ${from.token}`, "content-type": "application/json", "idempotency-key": randomUUID() },
        body: JSON.stringify({ fromAccountId: String(from.accountId), to: `#${users[toIndex]!.accountId}`, amount: "1", description: "bench transfer" }),
      };
    }
  }
}

export async function runLoad(options: { baseUrl: string; scenario: Scenario; users: readonly BenchUser[]; connections: number; seconds: number }): Promise<LoadFigures> {
  const sampleFailures: string[] = [];
  const result = await autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.seconds,
    requests: [
      {
        setupRequest: (request) => ({ ...request, ...pickRequest(options.scenario, options.users) }),
        onResponse: (status, body) => {
          if ((status < 200 || status > 299) && sampleFailures.length < 3) sampleFailures.push(`${status} ${String(body).slice(0, 200)}`);
        },
      },
    ],
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.total / (result.duration || options.seconds),
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    sampleFailures,
  };
}
