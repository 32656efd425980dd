import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { OPENING_DEPOSIT_USD } from "@/lib/ledger/open-account";
import { verifyPassword } from "./password";
import { EMAIL_TAKEN_MESSAGE, signUp } from "./sign-up";

async function counts() {
  const [users, accounts, entries] = await Promise.all([
    db().user.count(),
    db().account.count({ where: { kind: "PERSONAL" } }),
    db().ledgerEntry.count(),
  ]);
  return { users, accounts, entries };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("signUp", () => {
  it("creates the user (normalized email, hashed password) and exactly one funded personal account", async () => {
    const user = await signUp({ name: " Grace Hopper ", email: " Grace@Example.COM ", password: "a long password!" });
    expect(user).toMatchObject({ email: "grace@example.com", name: "Grace Hopper", role: "USER" });

    const row = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).not.toContain("a long password!");
    expect(await verifyPassword(row.passwordHash, "a long password!")).toBe(true);

    const accounts = await db().account.findMany({ where: { userId: user.id }, include: { balance: true } });
    expect(accounts).toHaveLength(1);
    expect(accounts[0]).toMatchObject({ kind: "PERSONAL", currency: "USD" });
    expect(accounts[0]!.balance?.balance).toBe(OPENING_DEPOSIT_USD);
    const deposits = await db().ledgerEntry.findMany({ where: { toAccountId: accounts[0]!.id } });
    expect(deposits).toHaveLength(1);
    expect(deposits[0]).toMatchObject({ type: "initial_deposit", amount: OPENING_DEPOSIT_USD, createdByUserId: user.id });
  });

  it("refuses a taken email (any case) with a field error and creates nothing", async () => {
    await signUp({ name: "First", email: "taken@example.com", password: "a long password!" });
    const before = await counts();

    const error = await rejection(signUp({ name: "Second", email: "TAKEN@example.com ", password: "another long one" }));
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors).toEqual({ email: EMAIL_TAKEN_MESSAGE });
    expect(await counts()).toEqual(before);
  });

  it("refuses a malformed email with a field error and creates nothing", async () => {
    const before = await counts();
    const error = await rejection(signUp({ name: "Ada", email: "ada-at-example.com", password: "a long password!" }));
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors).toEqual({ email: "Enter a valid email address" });
    expect(await counts()).toEqual(before);
  });

  it("refuses a password under 12 characters with a field error and creates nothing", async () => {
    const before = await counts();
    const error = await rejection(signUp({ name: "Ada", email: "ada@example.com", password: "short pass" }));
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors).toEqual({ password: "Password must be at least 12 characters" });
    expect(await counts()).toEqual(before);
    expect(await db().user.findUnique({ where: { email: "ada@example.com" } })).toBeNull();
  });

  it("lets only one of two concurrent sign-ups with the same email through", async () => {
    const results = await Promise.allSettled([
      signUp({ name: "A", email: "race@example.com", password: "a long password!" }),
      signUp({ name: "B", email: "race@example.com", password: "a long password!" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(AppError);
    expect((rejected.reason as AppError).fieldErrors).toEqual({ email: EMAIL_TAKEN_MESSAGE });
    const user = await db().user.findUniqueOrThrow({ where: { email: "race@example.com" } });
    expect(await db().account.count({ where: { userId: user.id } })).toBe(1);
  });
});
