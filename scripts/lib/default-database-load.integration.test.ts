// The default database under the load that broke its PGlite predecessor (issue: 16 % of requests
// failed with `portal "" does not exist` once 8 clients posted concurrently). It is started exactly
// as `npm start` starts it — prepareDatabase() without DATABASE_URL: server in <dataRoot>/postgres,
// migrations, demo seed — and then 16 clients at once through the app's own functions over a pool
// of 24 connections: transfers both ways between Alice and Bob, sign-ins, reads (account lists,
// balances, history pages), plus a full recalculation in the middle. Every operation must succeed,
// the connections must really have been used in parallel, and the ledger must verify.
import { randomUUID } from "node:crypto";
import { chmodSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyCredentials } from "../../lib/auth/verify-credentials";
import { db, disconnectDb } from "../../lib/db/client";
import type { Actor } from "../../lib/ledger/account-access";
import { getBalance } from "../../lib/ledger/get-balance";
import { listAccountEntries } from "../../lib/ledger/list-account-entries";
import { listUserAccounts } from "../../lib/ledger/list-user-accounts";
import { recalculateAllBalances } from "../../lib/ledger/recalculate";
import { transfer } from "../../lib/ledger/transfer";
import { verifyLedger } from "../../lib/ledger/verify";
import { DEMO_ALICE, DEMO_BOB } from "../../lib/seed/demo-users";
import { prepareDatabase, type PreparedDatabase } from "./prepare-database";

const CLIENTS = 16;
const POOL = 24;
const TRANSFER_CLIENTS = 8;
const SIGN_IN_CLIENTS = 3;
const OPERATIONS_PER_CLIENT = 40;
const SIGN_INS_PER_CLIENT = 4;

let dataRoot: string;
let database: PreparedDatabase;
const harnessUrl = process.env.DATABASE_URL;
const harnessPool = process.env.DATABASE_POOL_SIZE;

beforeAll(async () => {
  // This test is about the server taking many concurrent connections; the coalescing poster would
  // fold the 16 clients' transfers into a few batched statements on a few connections.
  process.env.LEDGER_COALESCE = "0";
  dataRoot = mkdtempSync(path.join(tmpdir(), "countinghouse-load-"));
  chmodSync(dataRoot, 0o755); // like a project folder: as root the server's `postgres` user enters it
  const lines: string[] = [];
  // The environment of a fresh clone: no DATABASE_URL, no SEED_DEMO.
  database = await prepareDatabase({ env: { NODE_ENV: "test" }, dataRoot, log: (line) => lines.push(line) });
  expect(database.embedded?.dataDir).toBe(path.join(dataRoot, "postgres"));
  expect(database.demoUsers).toBe(true);
  await disconnectDb();
  process.env.DATABASE_URL = database.url;
  process.env.DATABASE_POOL_SIZE = String(POOL);
}, 180_000);

afterAll(async () => {
  await disconnectDb();
  process.env.DATABASE_URL = harnessUrl;
  process.env.DATABASE_POOL_SIZE = harnessPool;
  await database?.embedded?.stop();
  rmSync(dataRoot, { recursive: true, force: true });
});

async function personalAccount(email: string): Promise<{ actor: Actor; accountId: bigint }> {
  const user = await db().user.findUniqueOrThrow({ where: { email }, select: { id: true, role: true } });
  const account = (await listUserAccounts(db(), user.id)).find((a) => a.kind === "PERSONAL" && a.currency === "USD");
  if (!account) throw new Error(`${email} has no USD account`);
  return { actor: { id: user.id, role: user.role }, accountId: account.id };
}

/** Highest number of this database's connections seen at once, sampled from pg_stat_activity. */
function watchConnections(url: string): { stop: () => Promise<number> } {
  const client = new pg.Client({ connectionString: url });
  let peak = 0;
  let running = true;
  const loop = (async () => {
    await client.connect();
    while (running) {
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'`,
      );
      peak = Math.max(peak, rows[0]!.n);
      await new Promise((r) => setTimeout(r, 20));
    }
    await client.end();
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      return peak;
    },
  };
}

describe("the default database under 16 concurrent clients", () => {
  it("serves transfers, sign-ins, reads and a recalculation at once without a single error; the ledger verifies", async () => {
    const alice = await personalAccount(DEMO_ALICE.email);
    const bob = await personalAccount(DEMO_BOB.email);
    const [aliceBefore, bobBefore] = await Promise.all([getBalance(db(), alice.accountId), getBalance(db(), bob.accountId)]);
    const entriesBefore = await db().ledgerEntry.count();

    const errors: string[] = [];
    const done = { transfers: 0, signIns: 0, reads: 0 };
    let inFlight = 0;
    let peakInFlight = 0;
    const track = async <T>(work: () => Promise<T>): Promise<T | undefined> => {
      inFlight++;
      peakInFlight = Math.max(peakInFlight, inFlight);
      try {
        return await work();
      } catch (error) {
        errors.push(String((error as Error).message ?? error));
        return undefined;
      } finally {
        inFlight--;
      }
    };
    // Everyone starts together, so the first operations already overlap.
    let go!: () => void;
    const gate = new Promise<void>((resolve) => (go = resolve));

    const transferClient = async (i: number) => {
      await gate;
      const [from, to] = i % 2 === 0 ? [alice, bob] : [bob, alice];
      for (let n = 0; n < OPERATIONS_PER_CLIENT; n++) {
        const amount = String(1 + ((i * OPERATIONS_PER_CLIENT + n) % 100));
        const sent = await track(() =>
          transfer(from.actor, { fromAccountId: String(from.accountId), to: `#${to.accountId}`, amount, amountUnit: "minor", idempotencyKey: randomUUID() }),
        );
        if (sent && !sent.replayed) done.transfers++;
      }
    };
    const signInClient = async (i: number) => {
      await gate;
      for (let n = 0; n < SIGN_INS_PER_CLIENT; n++) {
        const person = (i + n) % 2 === 0 ? DEMO_ALICE : DEMO_BOB;
        const result = await track(() => verifyCredentials({ email: person.email, password: person.password, ip: `127.0.0.${10 + i}` }));
        if (result?.ok) done.signIns++;
        else if (result) errors.push(`sign-in of ${person.email} refused: ${result.reason}`);
      }
    };
    const readClient = async (i: number) => {
      await gate;
      const who = i % 2 === 0 ? alice : bob;
      for (let n = 0; n < OPERATIONS_PER_CLIENT; n++) {
        const read = await track(async () => {
          if (n % 3 === 0) return listUserAccounts(db(), who.actor.id);
          if (n % 3 === 1) return getBalance(db(), who.accountId);
          return listAccountEntries(db(), who.accountId, { limit: 25 });
        });
        if (read !== undefined) done.reads++;
      }
    };

    const watcher = watchConnections(database.url);
    const clients = Array.from({ length: CLIENTS }, (_, i) =>
      i < TRANSFER_CLIENTS ? transferClient(i) : i < TRANSFER_CLIENTS + SIGN_IN_CLIENTS ? signInClient(i) : readClient(i),
    );
    const recalculation = (async () => {
      await gate;
      await new Promise((r) => setTimeout(r, 200));
      return track(() => recalculateAllBalances());
    })();
    const started = performance.now();
    go();
    await Promise.all(clients);
    const recalculated = await recalculation;
    const seconds = (performance.now() - started) / 1000;
    const peakConnections = await watcher.stop();

    expect(errors).toEqual([]);
    const readClients = CLIENTS - TRANSFER_CLIENTS - SIGN_IN_CLIENTS;
    expect(done).toEqual({
      transfers: TRANSFER_CLIENTS * OPERATIONS_PER_CLIENT,
      signIns: SIGN_IN_CLIENTS * SIGN_INS_PER_CLIENT,
      reads: readClients * OPERATIONS_PER_CLIENT,
    });
    // A recalculation while transfers run finds nothing to correct: they keep the balances exact.
    expect(recalculated?.accountsChecked).toBeGreaterThan(0);
    expect(recalculated?.corrected).toEqual([]);
    // Real overlap: all 16 clients (and the recalculation) in flight, on many server connections.
    expect(peakInFlight).toBeGreaterThanOrEqual(CLIENTS);
    expect(peakConnections).toBeGreaterThanOrEqual(8);

    // Alice and Bob only paid each other: their total is unchanged, and every transfer is one entry.
    const [aliceAfter, bobAfter] = await Promise.all([getBalance(db(), alice.accountId), getBalance(db(), bob.accountId)]);
    expect(aliceAfter!.balance + bobAfter!.balance).toBe(aliceBefore!.balance + bobBefore!.balance);
    expect(await db().ledgerEntry.count()).toBe(entriesBefore + done.transfers);
    const report = await verifyLedger();
    expect(report.accountsChecked).toBeGreaterThan(0);
    expect(report.violations).toEqual([]);
    console.log(
      `[load] ${CLIENTS} clients + 1 recalculation on the default database: ${done.transfers} transfers, ${done.signIns} sign-ins, ` +
        `${done.reads} reads in ${seconds.toFixed(1)} s; peak ${peakInFlight} operations in flight, ${peakConnections} busy server connections; 0 errors`,
    );
  }, 180_000);
});
