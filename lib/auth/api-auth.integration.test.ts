import { encode } from "next-auth/jwt";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors/app-error";
import { authenticateApiRequest, requireApiAdmin } from "./api-auth";
import { generateApiToken } from "./api-token-format";
import { createApiToken, listApiTokens, revokeApiToken } from "./api-tokens";
import { createSession } from "./sessions";
import { signUp } from "./sign-up";

const URL = "http://localhost:3000/api/anything";
let n = 0;
async function newUser(role: "USER" | "ADMIN" = "USER") {
  n += 1;
  const user = await signUp({ name: `API ${n}`, email: `api${n}@example.com`, password: "a long password!" });
  if (role === "ADMIN") await db().user.update({ where: { id: user.id }, data: { role } });
  return { ...user, role };
}

function bearer(token: string) {
  return new Request(URL, { headers: { authorization: `Bearer ${token}` } });
}

async function sessionCookieRequest(userId: string, cookieName = "authjs.session-token") {
  const sid = await createSession(userId).catch(() => "no-such-session");
  const value = await encode({ token: { sub: userId, sid }, secret: process.env.AUTH_SECRET!, salt: cookieName });
  return new Request(URL, { headers: { cookie: `other=1; ${cookieName}=${value}` } });
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe("API tokens", () => {
  it("authenticates a valid token, records last use, and shows the secret only once", async () => {
    const user = await newUser();
    const { token, apiToken } = await createApiToken({ userId: user.id, name: "  CI script " });
    expect(token).toMatch(/^ch_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({ name: "CI script", prefix: token.slice(0, 9), lastUsedAt: null });

    const stored = await db().apiToken.findUniqueOrThrow({ where: { id: apiToken.id } });
    expect(stored.tokenHash).not.toContain(token.slice(3));

    expect(await authenticateApiRequest(bearer(token))).toEqual({ id: user.id, email: user.email, name: user.name, role: "USER" });
    const [listed] = await listApiTokens({ userId: user.id });
    expect(listed!.lastUsedAt).toBeInstanceOf(Date);
    expect(Object.keys(listed!)).not.toContain("tokenHash");
  });

  it("refuses a revoked token", async () => {
    const user = await newUser();
    const { token, apiToken } = await createApiToken({ userId: user.id, name: "old" });
    await revokeApiToken({ userId: user.id, tokenId: apiToken.id });
    expect(await refusal(authenticateApiRequest(bearer(token)))).toBe("unauthorized");
    expect(await listApiTokens({ userId: user.id })).toEqual([]);
  });

  it("refuses garbage, unknown tokens and non-Bearer schemes, even alongside a valid session cookie", async () => {
    const user = await newUser();
    for (const header of ["Bearer nonsense", `Bearer ${generateApiToken()}`, "Bearer ", "Basic dXNlcjpwYXNz"]) {
      const cookieRequest = await sessionCookieRequest(user.id);
      const request = new Request(URL, { headers: { authorization: header, cookie: cookieRequest.headers.get("cookie")! } });
      expect(await refusal(authenticateApiRequest(request))).toBe("unauthorized");
    }
  });

  it("does not let one user revoke another's token", async () => {
    const owner = await newUser();
    const other = await newUser();
    const { token, apiToken } = await createApiToken({ userId: owner.id, name: "mine" });
    expect(await refusal(revokeApiToken({ userId: other.id, tokenId: apiToken.id }))).toBe("not_found");
    expect((await authenticateApiRequest(bearer(token))).id).toBe(owner.id);
  });

  it("validates the token name", async () => {
    const user = await newUser();
    const error = await createApiToken({ userId: user.id, name: "   " }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({ name: "Give the token a name" });
  });
});

describe("session cookies on API requests", () => {
  it("authenticates the Auth.js session cookie (plain and __Secure- names)", async () => {
    const user = await newUser();
    expect((await authenticateApiRequest(await sessionCookieRequest(user.id))).id).toBe(user.id);
    expect((await authenticateApiRequest(await sessionCookieRequest(user.id, "__Secure-authjs.session-token"))).id).toBe(user.id);
  });

  it("refuses no credentials, a forged cookie, and a cookie for a deleted user", async () => {
    expect(await refusal(authenticateApiRequest(new Request(URL)))).toBe("unauthorized");
    const forged = new Request(URL, { headers: { cookie: "authjs.session-token=not-a-jwt" } });
    expect(await refusal(authenticateApiRequest(forged))).toBe("unauthorized");
    const wrongSecret = await encode({ token: { sub: "x" }, secret: "some other secret that is long enough", salt: "authjs.session-token" });
    const wrongSecretRequest = new Request(URL, { headers: { cookie: `authjs.session-token=${wrongSecret}` } });
    expect(await refusal(authenticateApiRequest(wrongSecretRequest))).toBe("unauthorized");
    expect(await refusal(authenticateApiRequest(await sessionCookieRequest("no-such-user")))).toBe("unauthorized");
  });

  it("re-reads the role on every request (a promotion takes effect without signing in again)", async () => {
    const user = await newUser();
    const request = await sessionCookieRequest(user.id);
    expect(await refusal(requireApiAdmin(request))).toBe("forbidden");
    await db().user.update({ where: { id: user.id }, data: { role: "ADMIN" } });
    expect((await requireApiAdmin(request)).role).toBe("ADMIN");
  });
});

describe("requireApiAdmin", () => {
  it("is forbidden for a USER, allowed for an ADMIN, unauthorized for nobody", async () => {
    const member = await newUser("USER");
    const admin = await newUser("ADMIN");
    const memberToken = (await createApiToken({ userId: member.id, name: "t" })).token;
    const adminToken = (await createApiToken({ userId: admin.id, name: "t" })).token;
    expect(await refusal(requireApiAdmin(bearer(memberToken)))).toBe("forbidden");
    expect((await requireApiAdmin(bearer(adminToken))).id).toBe(admin.id);
    expect(await refusal(requireApiAdmin(new Request(URL)))).toBe("unauthorized");
  });
});
