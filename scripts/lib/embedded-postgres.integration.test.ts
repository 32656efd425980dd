// The embedded default must behave like a server for the app: migrations apply, a Prisma pool of 10
// can run concurrent queries and transactions through it, and a second start on the same data
// directory is refused while the first runs (and allowed again after a crash left a stale lock).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded-postgres";
import { AlreadyRunningError, acquireInstanceLock } from "./instance-lock";

let dataRoot: string;
let embedded: EmbeddedPostgres;

beforeAll(async () => {
  dataRoot = mkdtempSync(path.join(tmpdir(), "countinghouse-embedded-"));
  embedded = await startEmbeddedPostgres({ dataRoot });
  await migrate({ connectionString: embedded.url });
});

afterAll(async () => {
  await embedded?.stop();
  rmSync(dataRoot, { recursive: true, force: true });
});

describe("embedded PostgreSQL (PGlite over a socket)", () => {
  it("serves concurrent queries and transactions from a pool of 10", async () => {
    const prisma = createDb(embedded.url, 10);
    try {
      const started = performance.now();
      const results = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          i % 3 === 0
            ? prisma.$transaction(async (tx) => {
                await tx.signInAttempt.create({ data: { email: `u${i}@example.test`, ip: "127.0.0.1" } });
                return tx.signInAttempt.count({ where: { email: `u${i}@example.test` } });
              })
            : prisma.$queryRaw<{ n: number }[]>`SELECT ${i}::int AS n`.then((rows) => (rows[0]!.n === i ? 1 : 0)),
        ),
      );
      expect(results.every((r) => r === 1)).toBe(true);
      expect(await prisma.signInAttempt.count()).toBe(20);
      console.log(`[embedded] 60 concurrent Prisma operations in ${Math.round(performance.now() - started)} ms`);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("refuses a second start while another live process holds the data directory", async () => {
    const otherRoot = mkdtempSync(path.join(tmpdir(), "countinghouse-lock-"));
    try {
      // The parent process (vitest's) is alive and is not us: exactly a running first instance.
      writeFileSync(path.join(otherRoot, "countinghouse.lock"), `${process.ppid}\n`);
      const second = startEmbeddedPostgres({ dataRoot: otherRoot });
      await expect(second).rejects.toBeInstanceOf(AlreadyRunningError);
      await expect(second).rejects.toThrow(`Countinghouse is already running (pid ${process.ppid}) with data in ${path.join(otherRoot, "pglite")}`);
      // Refused before PGlite opened (and so possibly wrote) the directory.
      expect(existsSync(path.join(otherRoot, "pglite"))).toBe(false);
    } finally {
      rmSync(otherRoot, { recursive: true, force: true });
    }
  });

  it("reclaims a stale lock left by a crashed process", () => {
    const otherRoot = mkdtempSync(path.join(tmpdir(), "countinghouse-lock-"));
    try {
      // No process has pid 2^22 + 1 on Linux (pid_max is at most 2^22).
      writeFileSync(path.join(otherRoot, "countinghouse.lock"), "4194305\n");
      const lock = acquireInstanceLock(otherRoot, otherRoot);
      lock.release();
    } finally {
      rmSync(otherRoot, { recursive: true, force: true });
    }
  });
});
