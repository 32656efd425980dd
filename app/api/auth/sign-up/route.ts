// POST /api/auth/sign-up {name, email, password} (Content-Type: application/json) → 201 {user:{id,email,name}}.
// Errors: 422 invalid input, 409 email taken, 400 not a JSON object, 415 not JSON, 429 with
// Retry-After (too many sign-ups from this address, or the mint's daily limit reached), as
// {"error":{"code","message","fields"}}. Creates the account only; to sign in, use Auth.js's
// credentials callback (GET /api/auth/csrf, then POST /api/auth/callback/credentials), as e2e/fixtures.ts does.
import { clientIpFromHeaders } from "@/lib/auth/client-ip";
import { signUp } from "@/lib/auth/sign-up";
import { apiRoute, jsonResponse, readJsonObject } from "@/lib/http/api-response";

export const POST = apiRoute(async (request) => {
  const body = await readJsonObject(request);
  const user = await signUp({ name: body.name, email: body.email, password: body.password }, { clientIp: clientIpFromHeaders(request.headers) });
  return jsonResponse({ user: { id: user.id, email: user.email, name: user.name } }, { status: 201 });
});
