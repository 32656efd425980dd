import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { OPENING_DEPOSIT_USD } from "@/lib/ledger/open-account";
import { createAdmin } from "./create-admin";
import { verifyPassword } from "./password";
import { weakPasswordReason } from "./password-policy";
import { verifyCredentials } from "./verify-credentials";

describe("createAdmin", () => {
  it("creates an ADMIN with a funded account and a generated password that signs in", async () => {
    const { user, password } = await createAdmin({ email: " Ops@Example.com ", name: "Ops" });
    expect(user).toMatchObject({ email: "ops@example.com", name: "Ops", role: "ADMIN" });
    expect(password).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(weakPasswordReason(password)).toBeNull();
    const row = await db().user.findUniqueOrThrow({ where: { id: user.id }, include: { accounts: { include: { balance: true } } } });
    expect(row.passwordHash).not.toContain(password);
    expect(await verifyPassword(row.passwordHash, password)).toBe(true);
    expect(row.accounts.map((a) => a.balance?.balance)).toEqual([OPENING_DEPOSIT_USD]);
    expect((await verifyCredentials({ email: user.email, password, ip: "10.30.0.1" })).ok).toBe(true);
  });

  it("generates a different password every time", async () => {
    const a = await createAdmin({ email: "admin-a@example.com" });
    const b = await createAdmin({ email: "admin-b@example.com" });
    expect(a.password).not.toBe(b.password);
    expect(a.user.name).toBe("Administrator");
  });

  it("refuses an existing email or a malformed one and changes nothing", async () => {
    await createAdmin({ email: "taken-admin@example.com" });
    const users = await db().user.count();
    for (const email of ["taken-admin@example.com", "not-an-email", "bad\u0000@example.com"]) {
      const error = await createAdmin({ email }).catch((e: unknown) => e);
      expect(error, email).toBeInstanceOf(AppError);
    }
    expect(await db().user.count()).toBe(users);
  });
});
