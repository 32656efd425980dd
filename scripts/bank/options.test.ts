import { describe, expect, it } from "vitest";
import { hiddenInputs } from "./kinds/transfer-form";
import { parseBankOptions, parseDuration } from "./options";

describe("bank test options", () => {
  it("reads durations in ms, s, m, h and bare seconds", () => {
    expect(parseDuration("30s")).toBe(30_000);
    expect(parseDuration("10m")).toBe(600_000);
    expect(parseDuration("90")).toBe(90_000);
    expect(parseDuration("1.5h")).toBe(5_400_000);
    expect(() => parseDuration("ten minutes")).toThrow(/--duration/);
  });

  it("parses flags with separate or inline values and refuses unknown ones", () => {
    expect(parseBankOptions(["--duration", "10m", "--clients=4", "--faults", "--seed", "7"])).toMatchObject({ durationMs: 600_000, clients: 4, faults: true, seed: 7 });
    expect(parseBankOptions([])).toMatchObject({ durationMs: 30_000, clients: 16, faults: false });
    expect(() => parseBankOptions(["--clients", "1"])).toThrow(/--clients/);
    expect(() => parseBankOptions(["--chaos"])).toThrow(/Unknown option/);
  });
});

describe("hiddenInputs", () => {
  it("reads a form's hidden fields with their HTML entities decoded", () => {
    const html = `<form><input type="hidden" name="$ACTION_1:0" value="{&quot;id&quot;:&quot;abc&quot;,&quot;bound&quot;:&quot;$@1&quot;}"/><input type="text" name="to" value="x"/><input type="hidden" name="idempotencyKey" value="k&amp;1"/></form>`;
    expect([...hiddenInputs(html)]).toEqual([
      ["$ACTION_1:0", '{"id":"abc","bound":"$@1"}'],
      ["idempotencyKey", "k&1"],
    ]);
  });
});
