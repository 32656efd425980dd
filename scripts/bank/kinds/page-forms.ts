// Pages and their server-action forms, fetched and posted the way a browser without JavaScript does:
// GET a page with the client's session cookie, take one form's hidden fields (Next's `$ACTION…`
// reference and the form's own state), fill in the visible fields and POST it multipart to the same
// path. Shared by the checkout, invoice and marketplace kinds.
import { untilAnswered, type Answer, type CookieJar } from "../http";
import type { ClientContext } from "./kind";
import { formContaining, hiddenInputs } from "./transfer-form";

/** Form messages that mean "nothing is known to have happened, try again" (lib/db/database-errors.ts, form-state.ts). */
export const RETRYABLE_MESSAGES = ["Something went wrong on our side", "The ledger is busy", "The connection to the database was interrupted"];
/** What a step answers when its transaction rolled back for a fault (never a bug's generic message): safe to send again. */
const FAULT_MESSAGES = ["The ledger is busy", "The connection to the database was interrupted"];

export function isRetryable(answer: { status: number; text: string }): boolean {
  return answer.status === 200 && RETRYABLE_MESSAGES.some((m) => answer.text.includes(m));
}

/** Sends a step again while it answers that it rolled back for a fault (at most 10 times). */
export async function postUntilAnswered<T extends { status: number; text: string; retries: number }>(send: () => Promise<T>): Promise<T> {
  let extra = 0;
  for (let attempt = 1; ; attempt++) {
    const answer = await send();
    const faulted = answer.status === 200 && FAULT_MESSAGES.some((m) => answer.text.includes(m));
    if (!faulted || attempt >= 10) return { ...answer, retries: answer.retries + extra };
    extra++;
    await new Promise((r) => setTimeout(r, 200 * attempt));
  }
}

export function getPage(context: ClientContext, path: string, jar: CookieJar = context.cookies): Promise<Answer> {
  return untilAnswered(context.balancer, (base) => new Request(`${base}${path}`, { headers: { cookie: jar.header() } }), context.giveUpAt);
}

export function postForm(context: ClientContext, path: string, body: FormData, jar: CookieJar = context.cookies): Promise<Answer> {
  return untilAnswered(
    context.balancer,
    // A browser sends Origin with a form POST; Next checks it against Host for server actions.
    (base) => new Request(`${base}${path}`, { method: "POST", headers: { cookie: jar.header(), origin: base }, body }),
    context.giveUpAt,
  );
}

/** The hidden fields of the page's form that contains `marker`, as a FormData to post. */
export function formData(html: string, marker: string): FormData {
  const data = new FormData();
  for (const [name, value] of hiddenInputs(formContaining(html, marker))) data.set(name, value);
  if (![...data.keys()].some((name) => name.startsWith("$ACTION"))) throw new Error(`no server action reference in the form with ${marker}`);
  return data;
}

/** Names of the visible inputs of the form containing `marker` whose name matches `pattern`. */
export function inputNames(html: string, marker: string, pattern: RegExp): string[] {
  const names: string[] = [];
  for (const [tag] of formContaining(html, marker).matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name && pattern.test(name) && !/\btype="hidden"/.test(tag)) names.push(name);
  }
  return names;
}

/**
 * The page as rendered, without its scripts. A form post's answer also carries the action's return
 * value in the inline React payload, so a message there is not yet a message anybody sees.
 */
export function renderedHtml(html: string): string {
  return html.replace(/<script\b[\s\S]*?<\/script>/g, "");
}

/** The page's inline messages (alerts and field errors), for a violation's text. */
export function alertText(html: string): string {
  return [...html.matchAll(/role="alert"[^>]*>([^<]{1,200})|-error"[^>]*>([^<]{1,200})/g)].map((m) => m[1] ?? m[2]).join(" | ") || "(no message found)";
}
