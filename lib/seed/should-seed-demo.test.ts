import { describe, expect, it } from "vitest";
import { shouldSeedDemo } from "./should-seed-demo";

describe("shouldSeedDemo", () => {
  it("seeds the embedded database by default, never an external one", () => {
    expect(shouldSeedDemo({ embedded: true, env: {} })).toBe(true);
    expect(shouldSeedDemo({ embedded: false, env: {} })).toBe(false);
    expect(shouldSeedDemo({ embedded: false, env: { SEED_DEMO: "" } })).toBe(false);
    expect(shouldSeedDemo({ embedded: false, env: { SEED_DEMO: "yes please" } })).toBe(false);
  });

  it("follows an explicit SEED_DEMO either way", () => {
    expect(shouldSeedDemo({ embedded: false, env: { SEED_DEMO: "1" } })).toBe(true);
    expect(shouldSeedDemo({ embedded: false, env: { SEED_DEMO: "true" } })).toBe(true);
    expect(shouldSeedDemo({ embedded: true, env: { SEED_DEMO: "0" } })).toBe(false);
  });
});
