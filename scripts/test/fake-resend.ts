// A local fake of Resend's HTTP API (POST /emails) for tests: point RESEND_BASE_URL at it.
// It records every request (headers and JSON body), honours Idempotency-Key like Resend (same key →
// same id, nothing new "sent"), can be told to fail the next N requests, and exposes what it
// received at GET /__requests for end-to-end tests running the app in another process.
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeResendRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: {
    from?: string;
    to?: string | string[];
    subject?: string;
    html?: string;
    text?: string;
    attachments?: { filename?: string; content?: string }[];
  };
  id: string;
}

export interface FakeResend {
  url: string;
  requests: FakeResendRequest[];
  /** Emails actually "sent" (first request per idempotency key). */
  delivered: FakeResendRequest[];
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startFakeResend(port = 0): Promise<FakeResend> {
  const requests: FakeResendRequest[] = [];
  const delivered: FakeResendRequest[] = [];
  const byKey = new Map<string, string>();
  let failures = 0;
  let failureStatus = 500;
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method === "GET" && req.url === "/__requests") return send(200, { requests, delivered });
      if (req.method !== "POST" || req.url !== "/emails") return send(404, { name: "not_found", message: "Unknown endpoint" });
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
      if (!headers.authorization?.startsWith("Bearer ")) return send(401, { name: "missing_api_key", message: "Missing API key" });
      const record: FakeResendRequest = { method: req.method, path: req.url, headers, body: JSON.parse(raw || "{}"), id: "" };
      if (failures > 0) {
        failures -= 1;
        record.id = "failed";
        requests.push(record);
        return send(failureStatus, { name: "application_error", message: "Simulated provider outage", statusCode: failureStatus });
      }
      const key = headers["idempotency-key"];
      const existing = key ? byKey.get(key) : undefined;
      record.id = existing ?? `fake_${randomUUID()}`;
      requests.push(record);
      if (!existing) {
        if (key) byKey.set(key, record.id);
        delivered.push(record);
      }
      return send(200, { id: record.id });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    requests,
    delivered,
    failNext(count, status = 500) {
      failures = count;
      failureStatus = status;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
