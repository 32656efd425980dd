// Sessions end on the server: a session cookie copied before sign-out, a password change or
// "sign out everywhere" stops working at once.
import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { authenticateApiRequest } from "./api-auth";
import { authConfig } from "./auth-config";
import { changePassword, WRONG_CURRENT_PASSWORD_MESSAGE } from "./change-password";
import { verifyPassword } from "./password";
import { COMMON_PASSWORD_MESSAGE, REPETITIVE_PASSWORD_MESSAGE } from "./password-policy";
import { countSessions, createSession, revokeOtherSessions } from "./sessions";
import { signUp } from "./sign-up";
import { updateName } from "./update-name";

const PASSWORD = "the first password";
let n = 0;
async function newUser() {
  n += 1;
  return signUp({ name: `Session ${n}`, email: `session${n}@example.com`, password: PASSWORD });
}

/** Signs in the way Auth.js does after the Credentials provider accepted (and opened the session row): the jwt callback makes the token. */
async function signInCookie(userId: string): Promise<{ cookie: string; sid: string; token: Record<string, unknown> }> {
  const token = (await authConfig.callbacks.jwt({ token: {}, user: { id: userId, sid: await createSession(userId) } } as never)) as Record<string, unknown>;
  const value = await encode({ token, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
  return { cookie: `authjs.session-token=${value}`, sid: token.sid as string, token };
}
const withCookie = (cookie: string) => new Request("http://localhost/api/v1/accounts", { headers: { cookie } });
async function works(cookie: string): Promise<boolean> {
  return authenticateApiRequest(withCookie(cookie)).then(
    () => true,
    (e: unknown) => {
      if (e instanceof AppError && e.code === "unauthorized") return false;
      throw e;
    },
  );
}
async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("server-side sessions", () => {
  it("signing out revokes the session: a copy of the cookie stops working", async () => {
    const user = await newUser();
    const { cookie, token } = await signInCookie(user.id);
    const copy = cookie;
    expect(await works(copy)).toBe(true);
    await authConfig.events.signOut({ token } as never);
    expect(await works(copy)).toBe(false);
  });

  it("refuses a cookie without a session id (issued before sessions were tracked) and one for another user's session", async () => {
    const [a, b] = [await newUser(), await newUser()];
    const bare = await encode({ token: { sub: a.id }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
    expect(await works(`authjs.session-token=${bare}`)).toBe(false);
    const { sid: bSession } = await signInCookie(b.id);
    const mixed = await encode({ token: { sub: a.id, sid: bSession }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
    expect(await works(`authjs.session-token=${mixed}`)).toBe(false);
  });

  it("signing out everywhere ends every session of the user and nobody else's", async () => {
    const [user, other] = [await newUser(), await newUser()];
    const phone = await signInCookie(user.id);
    const laptop = await signInCookie(user.id);
    const someoneElse = await signInCookie(other.id);
    expect(await countSessions(user.id)).toBe(2);
    await revokeOtherSessions(user.id, null);
    expect(await works(phone.cookie)).toBe(false);
    expect(await works(laptop.cookie)).toBe(false);
    expect(await works(someoneElse.cookie)).toBe(true);
  });
});

describe("changePassword", () => {
  it("needs the current password, keeps this session and signs out every other one", async () => {
    const user = await newUser();
    const here = await signInCookie(user.id);
    const elsewhere = await signInCookie(user.id);
    const result = await changePassword({
      userId: user.id,
      sessionId: here.sid,
      currentPassword: PASSWORD,
      newPassword: "a brand new passphrase",
      clientIp: "10.20.0.1",
    });
    expect(result).toEqual({ signedOutSessions: 1 });
    expect(await works(here.cookie)).toBe(true);
    expect(await works(elsewhere.cookie)).toBe(false);
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(passwordHash, "a brand new passphrase")).toBe(true);
    expect(await verifyPassword(passwordHash, PASSWORD)).toBe(false);
  });

  it("refuses a wrong current password and weak new ones, changing nothing", async () => {
    const user = await newUser();
    const here = await signInCookie(user.id);
    const elsewhere = await signInCookie(user.id);
    const attempt = (currentPassword: string, newPassword: string) =>
      refusal(changePassword({ userId: user.id, sessionId: here.sid, currentPassword, newPassword, clientIp: "10.20.0.2" }));
    expect((await attempt("not my password", "a brand new passphrase")).fieldErrors).toEqual({ currentPassword: WRONG_CURRENT_PASSWORD_MESSAGE });
    expect((await attempt(PASSWORD, "aaaaaaaaaaaa")).fieldErrors).toEqual({ newPassword: REPETITIVE_PASSWORD_MESSAGE });
    expect((await attempt(PASSWORD, "password1234")).fieldErrors).toEqual({ newPassword: COMMON_PASSWORD_MESSAGE });
    expect((await attempt(PASSWORD, "short")).fieldErrors).toEqual({ newPassword: "Password must be at least 12 characters" });
    expect((await attempt(PASSWORD, PASSWORD)).fieldErrors).toEqual({ newPassword: "Choose a new password that is different from the current one" });
    expect(await works(elsewhere.cookie)).toBe(true);
    const { passwordHash } = await db().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(await verifyPassword(passwordHash, PASSWORD)).toBe(true);
  });

  it("throttles guesses at the current password like sign-in does", async () => {
    const user = await newUser();
    for (let i = 0; i < 5; i++) {
      await refusal(changePassword({ userId: user.id, sessionId: null, currentPassword: `guess ${i}`, newPassword: "a brand new passphrase", clientIp: "10.20.0.3" }));
    }
    const limited = await refusal(changePassword({ userId: user.id, sessionId: null, currentPassword: PASSWORD, newPassword: "a brand new passphrase", clientIp: "10.20.0.3" }));
    expect(limited.code).toBe("rate_limited");
  });
});

describe("updateName", () => {
  it("trims and stores the name; refuses blanks and control characters", async () => {
    const user = await newUser();
    expect(await updateName({ userId: user.id, name: "  Grace Hopper " })).toBe("Grace Hopper");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).name).toBe("Grace Hopper");
    expect((await refusal(updateName({ userId: user.id, name: "   " }))).fieldErrors).toEqual({ name: "Enter your name" });
    expect((await refusal(updateName({ userId: user.id, name: "Grace\u0000" }))).fieldErrors).toEqual({ name: "Your name can't contain control characters" });
    expect((await refusal(updateName({ userId: user.id, name: ["Grace"] }))).fieldErrors).toEqual({ name: "Enter your name" });
  });
});
