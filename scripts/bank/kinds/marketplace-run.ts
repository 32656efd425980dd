// Marketplace runs through /admin/market's "Run now" server action, by the world's administrator
// (signed in through Auth.js like the players; one session shared by all clients), posted like a
// browser without JavaScript: GET the page, take the Run now form's hidden fields (the `$ACTION…`
// reference and, when the form carries one, the run's slot) and POST them. The answer is the page
// again with "Run #<id>: …". A retry after an ambiguous failure (no answer, a 5xx, a "try again"
// message) re-posts the same form: with a slot in it, a run that did happen is found again
// ("already recorded"); without one, every ambiguous attempt may have left a run of its own, which the
// checker (check-marketplace.ts) allows only up to the number of such attempts.
import { CookieJar, GaveUp } from "../http";
import type { MarketRunRecord } from "../history";
import type { ClientContext, OperationKind } from "./kind";
import { alertText, formData, getPage, isRetryable, postForm } from "./page-forms";
import { signIn } from "./sign-in";

/** The administrator's session, shared by every client; replaced when the app stops honouring it. */
let adminJar: Promise<CookieJar> | undefined;

function adminSession(context: ClientContext, stale?: CookieJar): Promise<CookieJar> {
  if (!adminJar || stale) {
    adminJar = (async () => {
      const jar = new CookieJar();
      const signedIn = await signIn(context, jar, context.admin);
      if (!signedIn.ok) throw new Error(`the administrator's sign-in was refused: ${signedIn.detail}`);
      return jar;
    })();
    adminJar.catch(() => (adminJar = undefined));
  }
  return adminJar;
}

/** The Run now outcome shown under the button (not the runs table below it). */
function runResult(html: string): string {
  const at = html.indexOf('data-testid="run-result"');
  return at < 0 ? "" : html.slice(at, at + 1000);
}

export const marketRunKind: OperationKind = {
  name: "market-run",
  weight: 1,
  async run(context) {
    const started = performance.now();
    let retries = 0;
    const record: MarketRunRecord = { status: "unresolved", slots: [], ambiguous: 0 };
    context.history.marketRun(record);
    try {
      let jar = await adminSession(context);
      let page = await getPage(context, "/admin/market", jar);
      if (page.status !== 200) {
        // A session the app no longer honours answers a redirect to sign-in: once more, freshly signed in.
        jar = await adminSession(context, jar);
        page = await getPage(context, "/admin/market", jar);
      }
      retries += page.retries;
      if (page.status !== 200) throw new Error(`/admin/market answered ${page.status} to the administrator`);
      const form = formData(page.text, "Run now");
      const slot = [...form.entries()].find(([name]) => /slot/i.test(name))?.[1];
      if (typeof slot === "string") record.slots.push(slot);
      for (;;) {
        const answer = await postForm(context, "/admin/market", form, jar);
        retries += answer.retries;
        record.ambiguous += answer.retries;
        const result = runResult(answer.text);
        const ran = /Run #(\d+)/.exec(result);
        if (answer.status === 200 && ran) {
          // "Run #n already recorded" answers a form posted again; the first post of a fresh form must run.
          if (/already recorded/i.test(result) && record.ambiguous === 0) context.history.violation(`${this.name}: the first post of a fresh Run now form answered that it already ran (#${ran[1]})`);
          record.status = "acked";
          record.runId = ran[1]!;
          return context.history.operation(this.name, "ok", performance.now() - started, retries);
        }
        // The same slot posted again after an ambiguous attempt: that attempt ran.
        if (answer.status === 200 && /already recorded/i.test(result) && record.slots.length > 0 && record.ambiguous > 0) {
          record.status = "acked";
          return context.history.operation(this.name, "ok", performance.now() - started, retries);
        }
        if (isRetryable(answer)) {
          retries++;
          record.ambiguous++;
          continue;
        }
        record.status = "refused";
        context.history.violation(`${this.name}: Run now answered ${answer.status}: ${alertText(answer.text)}`);
        return context.history.operation(this.name, "refused", performance.now() - started, retries);
      }
    } catch (error) {
      if (error instanceof GaveUp) return context.history.operation(this.name, "unresolved", performance.now() - started, retries);
      context.history.violation(`${this.name}: ${(error as Error).message}`);
      context.history.operation(this.name, "unresolved", performance.now() - started, retries);
    }
  },
};
