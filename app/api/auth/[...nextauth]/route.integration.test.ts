// GET /api/auth/session must not report a session that was revoked on the server. Auth.js itself
// (which needs the Next.js runtime) is stubbed: only our check in front of it is under test.
import { encode } from "next-auth/jwt";
import { describe, expect, it, vi } from "vitest";
import { authConfig } from "@/lib/auth/auth-config";
import { createSession } from "@/lib/auth/sessions";
import { signUp } from "@/lib/auth/sign-up";

const authjsGet = vi.hoisted(() => vi.fn(async () => Response.json({ user: { id: "from Auth.js" } })));
vi.mock("@/lib/auth/auth", () => ({ handlers: { GET: authjsGet, POST: vi.fn() } }));
const { GET } = await import("./route");

async function cookieFor(userId: string) {
  const token = (await authConfig.callbacks.jwt({ token: {}, user: { id: userId, sid: await createSession(userId) } } as never)) as Record<string, unknown>;
  return { token, cookie: `authjs.session-token=${await encode({ token, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" })}` };
}
const sessionRequest = (cookie?: string) => new Request("http://localhost/api/auth/session", { headers: cookie ? { cookie } : {} }) as never;

describe("GET /api/auth/session", () => {
  it("answers null for a revoked session and expires its cookie", async () => {
    const user = await signUp({ name: "Revoked", email: "revoked@example.com", password: "a long password!" });
    const { cookie, token } = await cookieFor(user.id);
    await authConfig.events.signOut({ token } as never);
    authjsGet.mockClear();
    const response = await GET(sessionRequest(cookie));
    expect(await response.json()).toBeNull();
    expect(response.headers.get("set-cookie")).toMatch(/^authjs\.session-token=; Path=\/; Max-Age=0/);
    expect(authjsGet).not.toHaveBeenCalled();
  });

  it("leaves live sessions, no cookie and other endpoints to Auth.js", async () => {
    const user = await signUp({ name: "Live", email: "live@example.com", password: "a long password!" });
    const { cookie } = await cookieFor(user.id);
    authjsGet.mockClear();
    await GET(sessionRequest(cookie));
    await GET(sessionRequest());
    await GET(new Request("http://localhost/api/auth/csrf") as never);
    expect(authjsGet).toHaveBeenCalledTimes(3);
  });
});
