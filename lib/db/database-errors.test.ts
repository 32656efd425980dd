import { describe, expect, it } from "vitest";
import { AppError } from "../errors/app-error";
import { asExpectedError, BUSY_MESSAGE, CONNECTION_LOST_MESSAGE } from "./database-errors";

// How Prisma's pg driver adapter wraps a server error: the SQLSTATE sits in meta.driverAdapterError.cause.
const wrapped = (code: string) => ({ code: "P2039", meta: { driverAdapterError: { cause: { code } } } });

describe("asExpectedError", () => {
  it("answers a lock or statement timeout as a retryable 503 that changed nothing", () => {
    const error = asExpectedError(wrapped("55P03"));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 503, message: BUSY_MESSAGE, retryAfterSeconds: 1 });
  });

  it("answers a lost connection (terminated backend, server restart, refused connection) as a retryable 503", () => {
    for (const thrown of [wrapped("57P01"), wrapped("57P03"), wrapped("08006"), { message: "x", cause: { code: "ECONNREFUSED" } }, new Error("Connection terminated unexpectedly"),
      // Seen in the bank test while PostgreSQL restarted: Prisma's own codes, and pg's broken client.
      { code: "P1001" }, { code: "P1017" }, new Error("Client has encountered a connection error and is not queryable")]) {
      expect(asExpectedError(thrown)).toMatchObject({ status: 503, message: CONNECTION_LOST_MESSAGE, retryAfterSeconds: 1 });
    }
  });

  it("leaves real bugs unexpected", () => {
    expect(asExpectedError(new TypeError("undefined is not a function"))).toBeNull();
    expect(asExpectedError(wrapped("42P01"))).toBeNull();
  });
});
