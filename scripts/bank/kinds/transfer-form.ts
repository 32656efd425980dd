// Transfers through the /transfer page's form and its server action, posted the way a browser
// without JavaScript posts it (progressive enhancement), in the form's two steps: GET the page with
// the session cookie, take the transfer form's hidden fields (Next's action reference, the form's
// state), fill in the visible fields and POST multipart to /transfer — the answer is the review
// (nothing moves yet) or an inline error. Then POST the review form's hidden fields (the reviewed
// recipient's account id, the exact amount, the same idempotency key) with intent=confirm; that
// answer is the confirmation or an inline error. Retries start over but keep the idempotency key,
// as the form does.
import { GaveUp, untilAnswered } from "../http";
import type { WriteRecord } from "../history";
import type { ClientContext, OperationKind } from "./kind";
import { signIn } from "./sign-in";

// Form messages that mean "nothing is known to have happened, try again": an unexpected error, a
// lock timeout, a lost database connection (lib/db/database-errors.ts).
const RETRYABLE_MESSAGES = ["Something went wrong on our side", "The ledger is busy", "The connection to the database was interrupted"];

const ENTITIES: Record<string, string> = { "&quot;": '"', "&amp;": "&", "&#x27;": "'", "&#39;": "'", "&lt;": "<", "&gt;": ">" };

/** The hidden inputs of the page's forms, name → value (HTML entities decoded). */
export function hiddenInputs(html: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    const attrs = new Map([...tag.matchAll(/([\w$:-]+)="([^"]*)"/g)].map((m) => [m[1]!, m[2]!.replace(/&(?:quot|amp|#x27|#39|lt|gt);/g, (e) => ENTITIES[e]!)]));
    if (attrs.get("type") === "hidden" && attrs.has("name")) fields.set(attrs.get("name")!, attrs.get("value") ?? "");
  }
  return fields;
}

/** The one <form> of the page that contains `marker` (forms do not nest), or "" if none does. */
export function formContaining(html: string, marker: string): string {
  return [...html.matchAll(/<form\b[\s\S]*?<\/form>/g)].map((m) => m[0]).find((form) => form.includes(marker)) ?? "";
}

export const transferFormKind: OperationKind = {
  name: "transfer-form",
  weight: 8,
  async run(context) {
    const started = performance.now();
    let retries = 0;
    const recipient = context.random.pick(context.users.filter((u) => u !== context.user));
    const key = context.newKey();
    const cents = context.random.int(1, 20_000);
    const record: WriteRecord = {
      kind: this.name,
      userId: context.user.id,
      key,
      description: `bank ${key}`,
      fromAccountId: context.user.accountId,
      toAccountId: recipient.accountId,
      amount: BigInt(cents),
      status: "unresolved",
    };
    context.history.write(record);
    try {
      if (!context.cookies.has("authjs.session-token")) {
        const signedIn = await signIn(context, context.cookies);
        retries += signedIn.retries;
        if (!signedIn.ok) throw new Error(`sign-in refused: ${signedIn.detail}`);
      }
      for (;;) {
        // The same build on every instance, so a form read from one may be posted to the other.
        const page = await untilAnswered(context.balancer, (base) => new Request(`${base}/transfer`, { headers: { cookie: context.cookies.header() } }), context.giveUpAt);
        retries += page.retries;
        if (page.status !== 200) throw new Error(`/transfer answered ${page.status}`);
        // Step 1: the transfer form (only its own hidden fields: other forms on the page, such as
        // sign-out, carry other actions).
        const form = new FormData();
        for (const [name, value] of hiddenInputs(formContaining(page.text, 'name="amount"'))) form.set(name, value);
        if (![...form.keys()].some((name) => name.startsWith("$ACTION"))) throw new Error("no server action reference in the /transfer form");
        form.set("idempotencyKey", key);
        form.set("fromAccountId", context.user.accountId);
        form.set("to", recipient.email);
        form.set("amount", (cents / 100).toFixed(2));
        form.set("description", record.description);
        const post = (body: FormData) =>
          untilAnswered(
            context.balancer,
            // A browser sends Origin with a form POST; Next checks it against Host for server actions.
            (base) => new Request(`${base}/transfer`, { method: "POST", headers: { cookie: context.cookies.header(), origin: base }, body }),
            context.giveUpAt,
          );
        let answer = await post(form);
        // Step 2: confirm what was reviewed (the review form's hidden fields, intent=confirm).
        if (answer.status === 200 && answer.text.includes('data-testid="review-amount"')) {
          retries += answer.retries;
          const confirm = new FormData();
          for (const [name, value] of hiddenInputs(formContaining(answer.text, 'name="toAccountId"'))) confirm.set(name, value);
          if (confirm.get("toAccountId") !== recipient.accountId) {
            context.history.violation(`${this.name}: the review for ${key} shows account #${String(confirm.get("toAccountId"))}, not ${recipient.email}'s #${recipient.accountId}`);
          }
          if (confirm.get("idempotencyKey") !== key) context.history.violation(`${this.name}: the review for ${key} carries another idempotency key`);
          confirm.set("intent", "confirm");
          answer = await post(confirm);
        }
        retries += answer.retries;
        if (answer.status !== 200) throw new Error(`form post answered ${answer.status} ${answer.text.slice(0, 200)}`);
        if (answer.text.includes('data-testid="new-balance"')) {
          record.status = "acked";
          return context.history.operation(this.name, "ok", performance.now() - started, retries);
        }
        // The generic message means the action failed unexpectedly (e.g. its connection was
        // terminated): ambiguous, so retry with the same key like a person pressing the button again.
        if (RETRYABLE_MESSAGES.some((m) => answer.text.includes(m))) {
          retries++;
          continue;
        }
        record.status = "refused";
        // Too little money: refused at the review ("That's more than the $x in account #n",
        // lib/ledger/preview-transfer.ts) or at the confirmation (insufficient funds).
        if (!/insufficient|more than the .{1,40} in account #/i.test(answer.text)) {
          const shown = [...answer.text.matchAll(/role="alert"[^>]*>([^<]{1,200})|-error"[^>]*>([^<]{1,200})/g)].map((m) => m[1] ?? m[2]);
          context.history.violation(`${this.name}: unexpected inline error for ${key}: ${shown.join(" | ") || "(none found)"}`);
        }
        return context.history.operation(this.name, "refused", performance.now() - started, retries);
      }
    } catch (error) {
      if (error instanceof GaveUp) return context.history.operation(this.name, "unresolved", performance.now() - started, retries);
      context.history.violation(`${this.name}: ${(error as Error).message}`);
      context.history.operation(this.name, "unresolved", performance.now() - started, retries);
    }
  },
};
