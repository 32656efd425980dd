// A local fake of Resend's HTTP API (POST /emails) for tests: point RESEND_BASE_URL at it.
// It records every request (headers, JSON body, what became of it), honours Idempotency-Key like
// Resend (same key → same id, nothing new "sent"), and exposes what it received at GET /__requests
// for end-to-end tests running the app in another process.
//
// Failures, three ways:
// - failNext(n): the next n requests get an HTTP 500 (any recipient).
// - failFor(recipient, n) or POST /__fail {"to","count","status"}: the next n requests to that
//   recipient fail, so a test running beside others fails only its own email.
// - chaos { rate, seed, hangMs, kinds }: each request fails with probability `rate`, in one of four
//   ways picked at random (seeded, scripts/test/seeded-random.ts, so a seed replays a run whose
//   requests arrive in the same order):
//     error500     an HTTP 500 before accepting;
//     hang         no answer at all; the socket is closed after hangMs so nothing leaks;
//     drop-before  the connection is destroyed before accepting;
//     drop-after   the email is accepted (recorded as delivered, its id kept for the key) and then
//                  the connection is destroyed: the sender never learns it was sent — the case only
//                  the idempotency key makes safe to retry.
//
// `delivered` is the first accepted request per idempotency key (every accepted request without a
// key); a later accepted request with a known key is answered with the first one's id and counted
// in duplicatesSuppressed.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { seededRandom, type Random } from "./seeded-random";

export const CHAOS_KINDS = ["error500", "hang", "drop-before", "drop-after"] as const;
export type ChaosKind = (typeof CHAOS_KINDS)[number];
/** What became of a request: accepted (a new email), duplicate (a known key, not sent again), failed (failNext/failFor), rejected (4xx), or a chaos kind. */
export type RequestFate = "accepted" | "duplicate" | "failed" | "rejected" | ChaosKind;

export interface ChaosOptions {
  /** Probability in [0, 1] that a request fails. */
  rate: number;
  seed: number;
  /** How long a hanging request is held before its socket is closed (default 30 s). */
  hangMs?: number;
  /** The failure kinds to pick from (default all four). */
  kinds?: readonly ChaosKind[];
}

export interface FakeResendOptions {
  port?: number;
  chaos?: ChaosOptions;
}

export interface FakeResendRequest {
  /** Arrival order, from 1. */
  seq: number;
  at: number;
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
  /** The message id answered (or, for drop-after, accepted without an answer); "" when none. */
  id: string;
  fate: RequestFate;
  /** This request delivered a new email (the first accepted for its key; a drop-after may be one too). */
  newDelivery: boolean;
}

export interface FakeResend {
  url: string;
  requests: FakeResendRequest[];
  /** Emails actually "sent" (first accepted request per idempotency key). */
  delivered: FakeResendRequest[];
  /** Accepted requests per idempotency key: the first delivered it, the rest were duplicates. */
  acceptedByKey: Map<string, number>;
  /** The message id the fake gave each idempotency key. */
  idByKey: Map<string, string>;
  readonly duplicatesSuppressed: number;
  /** Requests per fate. */
  fates(): Record<RequestFate, number>;
  /** Requests for one idempotency key, in arrival order. */
  requestsFor(key: string): FakeResendRequest[];
  failNext(count: number, status?: number): void;
  failFor(recipient: string, count: number, status?: number): void;
  /** Changes (or with null ends) chaos mode; a new seed restarts the sequence. */
  setChaos(chaos: ChaosOptions | null): void;
  close(): Promise<void>;
}

const FATES: readonly RequestFate[] = ["accepted", "duplicate", "failed", "rejected", ...CHAOS_KINDS];

export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const requests: FakeResendRequest[] = [];
  const delivered: FakeResendRequest[] = [];
  const idByKey = new Map<string, string>();
  const acceptedByKey = new Map<string, number>();
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let failures = 0;
  let failureStatus = 500;
  const targeted = new Map<string, { count: number; status: number }>();
  let chaos: { options: ChaosOptions; random: Random } | null = null;
  const setChaos = (next: ChaosOptions | null) => {
    if (next && !(next.rate >= 0 && next.rate <= 1)) throw new Error(`chaos rate must be within [0, 1], got ${next.rate}`);
    chaos = next ? { options: next, random: seededRandom(next.seed) } : null;
  };
  setChaos(options.chaos ?? null);

  const accept = (record: FakeResendRequest) => {
    const key = record.headers["idempotency-key"];
    const existing = key ? idByKey.get(key) : undefined;
    record.id = existing ?? `fake_${randomUUID()}`;
    record.fate = existing ? "duplicate" : "accepted";
    record.newDelivery = !existing;
    if (key) {
      acceptedByKey.set(key, (acceptedByKey.get(key) ?? 0) + 1);
      if (!existing) idByKey.set(key, record.id);
    }
    if (!existing) delivered.push(record);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const send = (status: number, body: unknown) => {
      // No keep-alive: a pooled connection the fake closed while idle would fail a later request
      // before the fake ever saw it, which would look like (and be counted as) a provider failure.
      res.writeHead(status, { "content-type": "application/json", connection: "close" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/__requests") return send(200, { requests, delivered, fates: fates(), duplicatesSuppressed: duplicates() });
    if (req.method === "POST" && req.url === "/__fail") {
      const { to, count, status } = JSON.parse(raw || "{}") as { to?: string; count?: number; status?: number };
      if (!to || !Number.isInteger(count)) return send(400, { name: "validation_error", message: "to and count are required" });
      targeted.set(to.toLowerCase(), { count: count!, status: status ?? 500 });
      return send(200, { ok: true });
    }
    if (req.method !== "POST" || req.url !== "/emails") return send(404, { name: "not_found", message: "Unknown endpoint" });
    const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), String(v)]));
    const record: FakeResendRequest = { seq: requests.length + 1, at: Date.now(), method: req.method, path: req.url, headers, body: JSON.parse(raw || "{}"), id: "", fate: "rejected", newDelivery: false };
    requests.push(record);
    if (!headers.authorization?.startsWith("Bearer ")) return send(401, { name: "missing_api_key", message: "Missing API key" });

    const recipients = ([] as string[]).concat(record.body.to ?? []).map((r) => r.toLowerCase());
    const target = recipients.map((r) => targeted.get(r)).find((t) => t && t.count > 0);
    if (target || failures > 0) {
      const status = target ? target.status : failureStatus;
      if (target) target.count -= 1;
      else failures -= 1;
      record.fate = "failed";
      return send(status, { name: "application_error", message: "Simulated provider outage", statusCode: status });
    }

    if (chaos && chaos.random.chance(chaos.options.rate)) {
      const kind = chaos.random.pick(chaos.options.kinds ?? CHAOS_KINDS);
      record.fate = kind;
      switch (kind) {
        case "error500":
          return send(500, { name: "internal_server_error", message: "Simulated 500 (chaos)", statusCode: 500 });
        case "hang": {
          const timer = setTimeout(() => {
            timers.delete(timer);
            req.socket.destroy();
          }, chaos.options.hangMs ?? 30_000);
          timers.add(timer);
          return;
        }
        case "drop-before":
          req.socket.destroy();
          return;
        case "drop-after":
          accept(record);
          record.fate = "drop-after";
          req.socket.destroy();
          return;
      }
    }
    accept(record);
    return send(200, { id: record.id });
  };

  const server: Server = createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => handle(req, res, raw));
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  const fates = () => {
    const counts = Object.fromEntries(FATES.map((f) => [f, 0])) as Record<RequestFate, number>;
    for (const r of requests) counts[r.fate] += 1;
    return counts;
  };
  const duplicates = () => [...acceptedByKey.values()].reduce((n, c) => n + c - 1, 0);

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    requests,
    delivered,
    acceptedByKey,
    idByKey,
    get duplicatesSuppressed() {
      return duplicates();
    },
    fates,
    requestsFor: (key) => requests.filter((r) => r.headers["idempotency-key"] === key),
    failNext(count, status = 500) {
      failures = count;
      failureStatus = status;
    },
    failFor(recipient, count, status = 500) {
      targeted.set(recipient.toLowerCase(), { count, status });
    },
    setChaos,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
