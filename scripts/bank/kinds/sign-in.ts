// Sign-ins through Auth.js's credentials flow over HTTP (GET /api/auth/csrf, POST the credentials
// callback), the way the sign-in form works underneath. The CSRF cookie from one instance and the
// callback on another must work together: the instances share nothing but AUTH_SECRET.
import { CookieJar, GaveUp, untilAnswered } from "../http";
import type { ClientContext, OperationKind } from "./kind";

/** Who signs in: the client's player, or the world's administrator (marketplace runs). */
export interface Credentials {
  email: string;
  password: string;
}

async function attemptSignIn(context: ClientContext, jar: CookieJar, who: Credentials): Promise<{ location: string; status: number; retries: number }> {
  const csrf = await untilAnswered(context.balancer, (base) => new Request(`${base}/api/auth/csrf`, { headers: { cookie: jar.header() } }), context.giveUpAt);
  jar.store(csrf.headers);
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const form = new URLSearchParams({ csrfToken, email: who.email, password: who.password, callbackUrl: "/dashboard" });
  const callback = await untilAnswered(
    context.balancer,
    (base) =>
      new Request(`${base}/api/auth/callback/credentials`, {
        method: "POST",
        headers: { cookie: jar.header(), "content-type": "application/x-www-form-urlencoded" },
        body: form.toString(),
      }),
    context.giveUpAt,
  );
  const location = callback.headers.get("location") ?? "";
  if (!location.includes("error=")) jar.store(callback.headers);
  return { location, status: callback.status, retries: csrf.retries + callback.retries };
}

/**
 * Signs the client in; resolves to whether a session cookie was issued. Auth.js answers an exception
 * inside authorize() (its database connection cut by a fault) with a redirect to ?error=Configuration:
 * a server error, not a refusal, so that is retried like a 5xx. Throws GaveUp when never answered.
 */
export async function signIn(context: ClientContext, jar: CookieJar, who: Credentials = context.user): Promise<{ ok: boolean; retries: number; detail: string }> {
  let retries = 0;
  for (;;) {
    const attempt = await attemptSignIn(context, jar, who);
    retries += attempt.retries;
    if (!attempt.location.includes("error=Configuration")) {
      const ok = attempt.status === 302 && !attempt.location.includes("error=") && jar.has("authjs.session-token");
      return { ok, retries, detail: `${attempt.status} ${attempt.location}` };
    }
    retries++;
    if (Date.now() > context.giveUpAt) throw new GaveUp("sign-in kept failing with error=Configuration");
    await new Promise((r) => setTimeout(r, 200));
  }
}

export const signInKind: OperationKind = {
  name: "sign-in",
  weight: 3,
  async run(context) {
    const started = performance.now();
    try {
      const jar = new CookieJar();
      const { ok, retries, detail } = await signIn(context, jar);
      if (!ok) context.history.violation(`${this.name}: ${context.user.email} was refused (${detail})`);
      else context.cookies = jar;
      context.history.operation(this.name, ok ? "ok" : "refused", performance.now() - started, retries);
    } catch (error) {
      if (!(error instanceof GaveUp)) throw error;
      context.history.operation(this.name, "unresolved", performance.now() - started, 0);
    }
  },
};
