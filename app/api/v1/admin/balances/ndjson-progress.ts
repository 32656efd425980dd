// Streams a long ledger job as NDJSON (one JSON object per line), so a browser or `curl -N` sees
// progress while it runs:
//   {"type":"progress","done":1000,"total":5230}
//   …
//   {"type":"result", …}            or, if the job fails midway,   {"type":"error","error":{"code","message"}}
// Amounts are strings of minor units (BigInt → string). Authorization happens before this is called,
// so refusals are ordinary JSON error responses with 401/403, not streams.
// If the client goes away the job stops at the next chunk boundary; finished chunks stay committed.
import { isAppError } from "@/lib/errors/app-error";
import { toJson } from "@/lib/http/api-response";
import type { Progress } from "@/lib/ledger/account-ranges";

export type ProgressLine = { type: "progress" } & Progress;

export function ndjsonProgressResponse(
  request: Request,
  job: (options: { onProgress: (p: Progress) => void; signal: AbortSignal }) => Promise<Record<string, unknown>>,
): Response {
  const abort = new AbortController();
  request.signal.addEventListener("abort", () => abort.abort(), { once: true });
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: Record<string, unknown>) => {
        if (!abort.signal.aborted) controller.enqueue(encoder.encode(`${toJson(line)}\n`));
      };
      try {
        const result = await job({ onProgress: (p) => send({ type: "progress", done: p.done, total: p.total }), signal: abort.signal });
        send({ type: "result", ...result });
      } catch (error) {
        if (!abort.signal.aborted) {
          if (!isAppError(error)) console.error("Ledger job failed", error);
          const body = isAppError(error)
            ? { code: error.code, message: error.message }
            : { code: "internal_error", message: "Something went wrong on our side. Please try again." };
          send({ type: "error", error: body });
        }
      } finally {
        if (!abort.signal.aborted) controller.close();
      }
    },
    cancel() {
      abort.abort();
    },
  });
  return new Response(stream, {
    headers: {
      "content-type": "application/x-ndjson; charset=utf-8",
      "cache-control": "no-store",
      // Ask proxies (nginx) not to buffer, or progress arrives all at once at the end.
      "x-accel-buffering": "no",
    },
  });
}
