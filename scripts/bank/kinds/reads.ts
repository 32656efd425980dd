// Concurrent reads over the API: the client's own balance and newest history page. Reads never go
// back in time: per client and account, the balance version and the newest entry id never decrease,
// and the client's own acknowledged transfers are visible in its next read (read-your-writes across
// instances). Someone else's account is a 404, like a nonexistent one.
import { GaveUp, untilAnswered, type Answer } from "../http";
import type { ClientContext, OperationKind } from "./kind";

function get(context: ClientContext, path: string): Promise<Answer> {
  return untilAnswered(
    context.balancer,
    (base) => new Request(`${base}${path}`, { headers: { authorization: `Bearer ${context.user.token}` } }),
    context.giveUpAt,
  );
}

export const readKind: OperationKind = {
  name: "read-account",
  weight: 30,
  async run(context) {
    const started = performance.now();
    const id = context.user.accountId;
    const ackedBefore = context.ownAcked;
    try {
      const account = await get(context, `/api/v1/accounts/${id}`);
      const entries = await get(context, `/api/v1/accounts/${id}/entries?limit=5`);
      if (account.status !== 200 || entries.status !== 200) {
        context.history.violation(`${this.name}: own account answered ${account.status}/${entries.status}`);
        return context.history.operation(this.name, "refused", performance.now() - started, account.retries + entries.retries);
      }
      const version = BigInt((JSON.parse(account.text) as { data: { balanceVersion: string } }).data.balanceVersion);
      const page = JSON.parse(entries.text) as { data: { id: string }[] };
      const newest = page.data.length ? BigInt(page.data[0]!.id) : 0n;
      const seen = context.seen.get(id) ?? { newestEntryId: 0n, version: 0n };
      if (version < seen.version) context.history.violation(`${this.name}: account ${id} balance version went back from ${seen.version} to ${version}`);
      if (newest < seen.newestEntryId) context.history.violation(`${this.name}: account ${id} newest entry went back from ${seen.newestEntryId} to ${newest}`);
      if (newest < ackedBefore) context.history.violation(`${this.name}: account ${id} read misses acknowledged entry ${ackedBefore} (newest ${newest})`);
      context.seen.set(id, { newestEntryId: newest > seen.newestEntryId ? newest : seen.newestEntryId, version: version > seen.version ? version : seen.version });
      context.history.operation(this.name, "ok", performance.now() - started, account.retries + entries.retries);
    } catch (error) {
      if (!(error instanceof GaveUp)) throw error;
      context.history.operation(this.name, "unresolved", performance.now() - started, 0);
    }
  },
};

export const foreignReadKind: OperationKind = {
  name: "read-foreign-account",
  weight: 3,
  async run(context) {
    const started = performance.now();
    const other = context.random.pick(context.users.filter((u) => u !== context.user));
    try {
      const theirs = await get(context, `/api/v1/accounts/${other.accountId}/entries`);
      const missing = await get(context, `/api/v1/accounts/9${other.accountId}00000/entries`);
      if (theirs.status !== 404 || theirs.text !== missing.text || missing.status !== 404) {
        context.history.violation(`${this.name}: someone else's account answered ${theirs.status} ${theirs.text.slice(0, 120)} vs nonexistent ${missing.status}`);
      }
      context.history.operation(this.name, "refused", performance.now() - started, theirs.retries + missing.retries);
    } catch (error) {
      if (!(error instanceof GaveUp)) throw error;
      context.history.operation(this.name, "unresolved", performance.now() - started, 0);
    }
  },
};
