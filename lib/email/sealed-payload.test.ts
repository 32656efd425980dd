import { describe, expect, it } from "vitest";
import { sealPayload, unsealPayload } from "./sealed-payload";

const SECRET = "a-test-secret-a-test-secret-a-test-secret";

describe("sealed outbox payloads", () => {
  it("round-trip, and the sealed form does not contain the value", () => {
    const sealed = sealPayload({ token: "plain-token-value" }, SECRET);
    expect(JSON.stringify(sealed)).not.toContain("plain-token-value");
    expect(unsealPayload(sealed, SECRET)).toEqual({ token: "plain-token-value" });
  });

  it("use a fresh IV every time", () => {
    expect(sealPayload("x", SECRET).data).not.toBe(sealPayload("x", SECRET).data);
  });

  it("refuse another secret, an edited ciphertext, and anything unsealed", () => {
    const sealed = sealPayload({ token: "t" }, SECRET);
    expect(() => unsealPayload(sealed, `${SECRET}-other`)).toThrow();
    const data = Buffer.from(sealed.data, "base64");
    data[0] = data[0]! ^ 1;
    expect(() => unsealPayload({ ...sealed, data: data.toString("base64") }, SECRET)).toThrow();
    expect(() => unsealPayload({ token: "t" }, SECRET)).toThrow(/not a sealed payload/);
    expect(() => sealPayload("x", "")).toThrow(/AUTH_SECRET/);
  });
});
