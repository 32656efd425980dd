import { requestPrefs } from "@/app/_components/person-prefs";
import { authenticateApiRequest } from "@/lib/auth/api-auth";
import { db } from "@/lib/db/client";
import { apiRoute } from "@/lib/http/api-response";
import { accountIdParam } from "@/lib/http/route-params";
import { requireAccountAccess } from "@/lib/ledger/account-access";
import { parseAccountEntriesQuery } from "@/lib/ledger/account-entries.schema";
import { accountEntriesCsv } from "@/lib/ledger/entries-csv";

/**
 * GET /accounts/:id/export?type=&from=&to=&q=&min=&max= — the filtered history as CSV (signed-in
 * owner or admin), archived entries included. Filters read like the page's: days in the person's
 * zone; times in the file are UTC (ISO 8601). Everything that can fail is done before the 200 header
 * goes out: access checked, the query validated, and the first page read; only later pages stream.
 */
export const GET = apiRoute<{ params: Promise<{ id: string }> }>(async (request, { params }) => {
  const user = await authenticateApiRequest(request);
  const accountId = accountIdParam((await params).id);
  const account = await requireAccountAccess(db(), user, accountId, "view");
  const filter = parseAccountEntriesQuery(new URL(request.url).searchParams, {
    currency: account.currency,
    ...requestPrefs(request),
  });
  const rows = accountEntriesCsv(db(), account.id, account.currency, { ...filter, before: undefined });
  const first = await rows.next();
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      if (first.done) controller.close();
      else controller.enqueue(encoder.encode(first.value));
    },
    async pull(controller) {
      if (first.done) return;
      const { value, done } = await rows.next();
      if (done) controller.close();
      else controller.enqueue(encoder.encode(value));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="account-${account.id}-${date}.csv"`,
      "cache-control": "no-store",
    },
  });
});
