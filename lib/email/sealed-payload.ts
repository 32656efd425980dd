// Secrets an outbox row must carry until delivery (a password-reset link) are sealed: AES-256-GCM
// under a key derived from AUTH_SECRET with HKDF, so a copy of the database (a backup, a replica, an
// admin's SELECT) holds no usable link. The worker that delivers needs the same AUTH_SECRET as the
// app that queued the message; GCM's tag makes a wrong secret or an edited row fail loudly.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

export interface SealedPayload {
  v: 1;
  iv: string;
  tag: string;
  data: string;
}

const INFO = "countinghouse email-outbox payload v1";

function key(secret: string): Buffer {
  if (!secret) throw new Error("AUTH_SECRET is not set.");
  return Buffer.from(hkdfSync("sha256", secret, "", INFO, 32));
}

function authSecret(): string {
  return process.env.AUTH_SECRET ?? "";
}

export function sealPayload(value: unknown, secret = authSecret()): SealedPayload {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(secret), iv);
  const data = Buffer.concat([cipher.update(JSON.stringify(value), "utf8"), cipher.final()]);
  return { v: 1, iv: iv.toString("base64"), tag: cipher.getAuthTag().toString("base64"), data: data.toString("base64") };
}

export function isSealedPayload(value: unknown): value is SealedPayload {
  if (!value || typeof value !== "object") return false;
  const v = value as Record<string, unknown>;
  return v.v === 1 && typeof v.iv === "string" && typeof v.tag === "string" && typeof v.data === "string";
}

/** The sealed value; throws when the payload was not sealed with this secret or was altered. */
export function unsealPayload(payload: unknown, secret = authSecret()): unknown {
  if (!isSealedPayload(payload)) throw new Error("not a sealed payload");
  const decipher = createDecipheriv("aes-256-gcm", key(secret), Buffer.from(payload.iv, "base64"));
  decipher.setAuthTag(Buffer.from(payload.tag, "base64"));
  const plain = Buffer.concat([decipher.update(Buffer.from(payload.data, "base64")), decipher.final()]);
  return JSON.parse(plain.toString("utf8"));
}
