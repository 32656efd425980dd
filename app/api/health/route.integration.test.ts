// The health endpoint against this file's migrated database, and against a server that is not there.
import { readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createDb, disconnectDb } from "@/lib/db/client";
import { getHealth } from "@/lib/health/get-health";
import { freePort } from "@/scripts/lib/pg-cluster";
import { GET } from "./route";

afterAll(disconnectDb);

const latestMigration = readdirSync(path.join(process.cwd(), "prisma", "migrations"), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name)
  .sort()
  .at(-1);

describe("GET /api/health", () => {
  it("answers 200 with the latest applied migration", async () => {
    const response = await GET();
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/application\/json/);
    expect(await response.json()).toEqual({ status: "ok", database: { reachable: true, migration: latestMigration } });
  });

  it("answers 503 without details when the database is unreachable", async () => {
    // A port nobody listens on: connection refused, the way a stopped server looks.
    const unreachable = createDb(`postgresql://postgres@127.0.0.1:${await freePort()}/postgres`, 1);
    try {
      const health = await getHealth(unreachable);
      expect(health).toEqual({ status: "error", database: { reachable: false } });
      expect(JSON.stringify(health)).not.toMatch(/ECONNREFUSED|stack|127\.0\.0\.1/);
    } finally {
      await unreachable.$disconnect();
    }
  });
});
