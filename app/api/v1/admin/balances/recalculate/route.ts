// POST /api/v1/admin/balances/recalculate — admins only. Recalculates every balance from the ledger
// and streams NDJSON progress, then {"type":"result","accountsChecked","corrected":[…],"durationMs"}.
// Safe while the app takes transfers (see lib/ledger/recalculate.ts).
import { requireApiAdmin } from "@/lib/auth/api-auth";
import { apiRoute } from "@/lib/http/api-response";
import { recalculateAllBalances } from "@/lib/ledger/recalculate";
import { ndjsonProgressResponse } from "../ndjson-progress";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  const admin = await requireApiAdmin(request);
  return ndjsonProgressResponse(request, async ({ onProgress, signal }) => {
    const summary = await recalculateAllBalances({ onProgress, signal });
    if (summary.corrected.length > 0) {
      console.info(`Balances recalculated by ${admin.email}: ${summary.corrected.length} corrected`, summary.corrected.map((c) => String(c.accountId)));
    }
    return { ...summary };
  });
});
