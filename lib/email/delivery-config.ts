// The timing of outbox delivery, from the environment (README, "Environment variables"). Read on
// every delivery, so a process uses one consistent set and a test can change them per run.
//
// The one rule between them: a lease must outlast the provider call it protects. A sender holds a
// message's lease while it renders and calls the provider; the call is cut off after
// EMAIL_SEND_TIMEOUT_SECONDS. If the lease were shorter, a second sender could take the message
// over while the first is still waiting for an answer, and both would be sending at once. (The
// idempotency key would still make the provider deliver it once, and the lease token keeps the
// outbox row right; the rule keeps the overlap from being the normal case.)

export interface EmailDeliveryConfig {
  /** Each provider call is aborted after this long (EMAIL_SEND_TIMEOUT_SECONDS, default 20). */
  sendTimeoutMs: number;
  /** How long a sender owns a message once it starts an attempt (EMAIL_LEASE_SECONDS, default 300). */
  leaseMs: number;
  /** First retry delay; doubles per failed attempt up to an hour (EMAIL_RETRY_BASE_SECONDS, default 30). */
  retryBaseMs: number;
  /** Attempts before a message is `failed` and waits for an admin (EMAIL_MAX_ATTEMPTS, default 6). */
  maxAttempts: number;
  /** Pause between two sweeps of the job worker's delivery loop (EMAIL_SWEEP_SECONDS, default 10). */
  sweepMs: number;
}

export const MAX_BACKOFF_MS = 3_600_000;

function seconds(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === "") return fallback * 1000;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
  return Math.round(value * 1000);
}

export function emailDeliveryConfig(env: Record<string, string | undefined> = process.env): EmailDeliveryConfig {
  const rawMax = env.EMAIL_MAX_ATTEMPTS?.trim();
  const maxAttempts = rawMax ? Number(rawMax) : 6;
  if (!Number.isInteger(maxAttempts) || maxAttempts < 1) throw new Error(`EMAIL_MAX_ATTEMPTS must be a whole number of at least 1, got "${rawMax}"`);
  const config: EmailDeliveryConfig = {
    sendTimeoutMs: seconds(env, "EMAIL_SEND_TIMEOUT_SECONDS", 20),
    leaseMs: seconds(env, "EMAIL_LEASE_SECONDS", 300),
    retryBaseMs: seconds(env, "EMAIL_RETRY_BASE_SECONDS", 30),
    maxAttempts,
    sweepMs: seconds(env, "EMAIL_SWEEP_SECONDS", 10),
  };
  return checkDeliveryConfig(config);
}

/** Throws when the lease does not outlast the send timeout (see above). */
export function checkDeliveryConfig(config: EmailDeliveryConfig): EmailDeliveryConfig {
  if (config.leaseMs <= config.sendTimeoutMs) {
    throw new Error(
      `EMAIL_LEASE_SECONDS (${config.leaseMs / 1000}) must exceed EMAIL_SEND_TIMEOUT_SECONDS (${config.sendTimeoutMs / 1000}): ` +
        "a lease that ends before the provider call can time out lets a second sender take the message over mid-send",
    );
  }
  return config;
}

/** Delay before attempt n + 1 after n failed attempts: base, 2 × base, 4 × base … capped at an hour. */
export function backoffMs(attempts: number, baseMs = emailDeliveryConfig().retryBaseMs): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}
