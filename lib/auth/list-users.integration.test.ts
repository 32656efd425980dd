import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listUsersPage } from "./list-users";

describe("listUsersPage", () => {
  it("walks every user exactly once, newest first, including users created in the same millisecond", async () => {
    const createdAt = new Date("2026-01-01T00:00:00Z");
    await db().user.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ email: `page${i}@example.com`, name: `P${i}`, passwordHash: "x", createdAt })),
    });
    await db().user.create({ data: { email: "newest@example.com", name: "N", passwordHash: "x" } });

    const seen: string[] = [];
    let after: string | undefined;
    for (let guard = 0; guard < 10; guard++) {
      const page = await listUsersPage({ after, pageSize: 3 });
      expect(page.total).toBe(8);
      seen.push(...page.users.map((u) => u.email));
      if (!page.nextCursor) break;
      after = page.nextCursor;
    }
    expect(seen[0]).toBe("newest@example.com");
    expect(new Set(seen).size).toBe(8);
    expect(seen).toHaveLength(8);
  });
});
