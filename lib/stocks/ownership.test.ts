import { describe, expect, it } from "vitest";
import { assertCanSell, assertQuantityAllowed, assertWithinOwnershipLimit } from "./ownership";

describe("ownership rules", () => {
  it("allows holding up to all of a company's shares, never more", () => {
    expect(() => assertWithinOwnershipLimit(0n, 1_000_000n, 1_000_000n)).not.toThrow();
    expect(() => assertWithinOwnershipLimit(999_990n, 10n, 1_000_000n)).not.toThrow();
    expect(() => assertWithinOwnershipLimit(999_990n, 11n, 1_000_000n)).toThrow(/buy 10 more/);
  });
  it("trades 1 … 1,000,000 whole shares", () => {
    expect(() => assertQuantityAllowed(1n, 1_000_000n)).not.toThrow();
    expect(() => assertQuantityAllowed(1_000_000n, 1_000_000n)).not.toThrow();
    expect(() => assertQuantityAllowed(0n, 1_000_000n)).toThrow(/1 to 1,000,000/);
    expect(() => assertQuantityAllowed(1_000_001n, 1_000_000n)).toThrow();
  });
  it("sells only shares held", () => {
    expect(() => assertCanSell(5n, 5n)).not.toThrow();
    expect(() => assertCanSell(5n, 6n)).toThrow(/hold 5 shares/);
  });
});
