import { describe, expect, it } from "vitest";
import { windowUnlockTime } from "./sliding-window";

const row = (id: number, at: number) => ({ id: BigInt(id), createdAt: new Date(at) });
const HOUR = 3_600_000;

describe("windowUnlockTime", () => {
  it("is null while the rows, the caller's own included, are within the limit", () => {
    expect(windowUnlockTime([row(3, 300), row(2, 200)], 3n, 2, HOUR)).toBeNull();
    expect(windowUnlockTime([], 1n, 0, HOUR)).toBeNull();
  });

  it("over the limit: when the limit-th most recent other row leaves the window", () => {
    // Newest first; own row 4; limit 2 → the 2nd other (id 2, at 200) must leave first.
    expect(windowUnlockTime([row(4, 400), row(3, 300), row(2, 200)], 4n, 2, HOUR)).toBe(200 + HOUR);
  });

  it("with a limit of 0 the caller's own row shuts the door for a window", () => {
    expect(windowUnlockTime([row(9, 900)], 9n, 0, HOUR)).toBe(900 + HOUR);
  });
});
