// Transfers over POST /api/v1/transfers with the client's API token: plain ones, ones over the
// balance (must be refused and leave nothing), replays of the same key (must answer the same bytes)
// and a key reused with another body (must be a 409 that changes nothing).
import { GaveUp, untilAnswered, type Answer } from "../http";
import type { WriteRecord } from "../history";
import type { ClientContext, OperationKind } from "./kind";

interface TransferBody {
  fromAccountId: string;
  to: string;
  amount: string;
  currency: string;
  description: string;
}

function newTransfer(context: ClientContext, amount: bigint): { key: string; body: TransferBody; recipient: string } {
  const others = context.users.filter((u) => u !== context.user);
  const recipient = context.random.pick(others);
  const key = context.newKey();
  // The description carries the key, so the checker finds this write's ledger entry by it.
  const body = { fromAccountId: context.user.accountId, to: recipient.email, amount: String(amount), currency: "USD", description: `bank ${key}` };
  return { key, body, recipient: recipient.accountId };
}

function send(context: ClientContext, key: string, body: TransferBody): Promise<Answer> {
  const json = JSON.stringify(body);
  return untilAnswered(
    context.balancer,
    (base) =>
      new Request(`${base}/api/v1/transfers`, {
        method: "POST",
        headers: { authorization: `Bearer ${context.user.token}`, "content-type": "application/json", "idempotency-key": key },
        body: json,
      }),
    context.giveUpAt,
  );
}

/** Sends, records the final answer as a write, and returns it (undefined when unresolved). */
async function transferOnce(context: ClientContext, kind: string, amount: bigint): Promise<{ answer?: Answer; key: string; body: TransferBody; record: WriteRecord }> {
  const { key, body, recipient } = newTransfer(context, amount);
  const record: WriteRecord = {
    kind,
    userId: context.user.id,
    key,
    description: body.description,
    fromAccountId: body.fromAccountId,
    toAccountId: recipient,
    amount,
    status: "unresolved",
  };
  context.history.write(record);
  try {
    const answer = await send(context, key, body);
    if (answer.status === 200 || answer.status === 201) {
      record.status = "acked";
      record.entryId = (JSON.parse(answer.text) as { data: { id: string } }).data.id;
      context.ownAcked = BigInt(record.entryId) > context.ownAcked ? BigInt(record.entryId) : context.ownAcked;
    } else {
      record.status = "refused";
    }
    return { answer, key, body, record };
  } catch (error) {
    if (error instanceof GaveUp) return { key, body, record };
    throw error;
  }
}

function expectStatus(context: ClientContext, kind: string, answer: Answer, allowed: number[]): void {
  if (!allowed.includes(answer.status)) context.history.violation(`${kind}: unexpected ${answer.status} ${answer.text.slice(0, 300)}`);
}

export const transferKind: OperationKind = {
  name: "transfer",
  weight: 30,
  async run(context) {
    const started = performance.now();
    const { answer } = await transferOnce(context, this.name, BigInt(context.random.int(1, 40_000)));
    if (!answer) return context.history.operation(this.name, "unresolved", performance.now() - started, 0);
    // 422: insufficient funds after other clients drained this account; anything else is a bug.
    expectStatus(context, this.name, answer, [200, 201, 422]);
    context.history.operation(this.name, answer.status < 300 ? "ok" : "refused", performance.now() - started, answer.retries);
  },
};

export const overdraftKind: OperationKind = {
  name: "transfer-overdraft",
  weight: 6,
  async run(context) {
    const started = performance.now();
    // More than the whole economy holds: must be refused whatever happened before.
    const { answer } = await transferOnce(context, this.name, 10n ** 12n + BigInt(context.random.int(0, 1000)));
    if (!answer) return context.history.operation(this.name, "unresolved", performance.now() - started, 0);
    expectStatus(context, this.name, answer, [422]);
    context.history.operation(this.name, "refused", performance.now() - started, answer.retries);
  },
};

export const replayKind: OperationKind = {
  name: "transfer-replay",
  weight: 8,
  async run(context) {
    const started = performance.now();
    const first = await transferOnce(context, this.name, BigInt(context.random.int(1, 5_000)));
    if (!first.answer) return context.history.operation(this.name, "unresolved", performance.now() - started, 0);
    const again = await send(context, first.key, first.body).catch((e: unknown) => (e instanceof GaveUp ? undefined : Promise.reject(e)));
    if (!again) return context.history.operation(this.name, "unresolved", performance.now() - started, first.answer.retries);
    if (first.answer.status < 300) {
      // An acknowledged key answers the same body, byte for byte, flagged as a replay.
      if (again.status !== 200 || again.headers.get("idempotent-replayed") !== "true") {
        context.history.violation(`${this.name}: replay of ${first.key} answered ${again.status} ${again.text.slice(0, 200)}`);
      } else if (again.text !== first.answer.text) {
        context.history.violation(`${this.name}: replay of ${first.key} differs: ${first.answer.text} vs ${again.text}`);
      }
    }
    context.history.operation(this.name, first.answer.status < 300 ? "ok" : "refused", performance.now() - started, first.answer.retries + again.retries);
  },
};

export const conflictKind: OperationKind = {
  name: "transfer-key-conflict",
  weight: 4,
  async run(context) {
    const started = performance.now();
    const first = await transferOnce(context, this.name, BigInt(context.random.int(1, 5_000)));
    if (!first.answer) return context.history.operation(this.name, "unresolved", performance.now() - started, 0);
    if (first.answer.status >= 300) return context.history.operation(this.name, "refused", performance.now() - started, first.answer.retries);
    // Same key, another amount: 409, and the checker finds still exactly one entry for this key.
    const other = { ...first.body, amount: String(BigInt(first.body.amount) + 1n) };
    const conflict = await send(context, first.key, other).catch((e: unknown) => (e instanceof GaveUp ? undefined : Promise.reject(e)));
    if (!conflict) return context.history.operation(this.name, "unresolved", performance.now() - started, first.answer.retries);
    expectStatus(context, this.name, conflict, [409]);
    context.history.operation(this.name, "conflict", performance.now() - started, first.answer.retries + conflict.retries);
  },
};
