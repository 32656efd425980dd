// POST /api/v1/admin/balances/verify — admins only. Runs ledger verification and streams NDJSON
// progress, then {"type":"result","violations":[…],"accountsChecked","entriesChecked","durationMs"}.
import { requireApiAdmin } from "@/lib/auth/api-auth";
import { apiRoute } from "@/lib/http/api-response";
import { verifyLedger } from "@/lib/ledger/verify";
import { ndjsonProgressResponse } from "../ndjson-progress";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  await requireApiAdmin(request);
  return ndjsonProgressResponse(request, async ({ onProgress, signal }) => ({ ...(await verifyLedger({ onProgress, signal })) }));
});
