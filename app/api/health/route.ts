// GET /api/health: 200 with the applied migration when the database answers, 503 otherwise.
// Public on purpose (load balancers, uptime checks); it reveals no data and no error details.
import { db } from "@/lib/db/client";
import { getHealth } from "@/lib/health/get-health";

export const dynamic = "force-dynamic";

export async function GET(): Promise<Response> {
  const health = await getHealth(db());
  return Response.json(health, {
    status: health.status === "ok" ? 200 : 503,
    headers: { "Cache-Control": "no-store" },
  });
}
