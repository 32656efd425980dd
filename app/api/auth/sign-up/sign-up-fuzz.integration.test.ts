// Property-based hostile input for POST /api/auth/sign-up (issue 9 part 4): a 201 with a funded
// account, or a 4xx naming the field; never a 500 or a stack trace; only 201s change the database.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dbState } from "@/scripts/test/fuzz/db-state";
import { apiAnswer, expectNamesField } from "@/scripts/test/fuzz/expect-rejection";
import { fuzzParams, hostileString, maybe } from "@/scripts/test/fuzz/hostile";
import { POST } from "./route";

const post = (body: string) => POST(new Request("http://localhost/api/auth/sign-up", { method: "POST", headers: { "content-type": "application/json" }, body }), undefined);

describe("POST /api/auth/sign-up under hostile input", () => {
  it("creates a user or answers a 4xx naming the field", async () => {
    const before = await dbState();
    let created = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.record({ name: maybe(hostileString), email: maybe(fc.oneof(fc.emailAddress(), hostileString)), password: maybe(fc.oneof(hostileString, fc.constant("tiny"))) }),
        fc.boolean(),
        async (fields, truncated) => {
          const json = JSON.stringify(fields);
          const answer = await apiAnswer(await post(truncated ? json.slice(0, -1) : json), [201]);
          if (answer.status === 201) created++;
          else if (answer.status === 422 || answer.status === 409) expectNamesField(answer.body, ["name", "email", "password"]);
          else expectNamesField(answer.body, ["JSON"]);
        },
      ),
      fuzzParams(500),
    );
    const after = await dbState();
    expect(after.counts.users - before.counts.users).toBe(created);
    expect(after.counts.ledger_entries - before.counts.ledger_entries).toBe(created);
  });
});
