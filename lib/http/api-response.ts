// JSON API responses. Errors always have the shape { "error": { "code", "message", "fields"? } }.
// Expected errors (AppError) keep their message and status; anything else is logged and answered
// with a generic 500 — never a stack trace.
import { asExpectedError } from "../db/database-errors";
import { AppError } from "../errors/app-error";

/** JSON.stringify that writes BigInt as a decimal string (amounts travel as strings of minor units). */
export function toJson(value: unknown): string {
  // Most bodies hold no BigInt: the plain call is several times cheaper than one with a replacer,
  // which is only needed when it throws on a BigInt.
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    return JSON.stringify(value, (_key, v) => (typeof v === "bigint" ? v.toString() : v));
  }
}

const JSON_HEADERS = { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" } as const;

export function jsonResponse(body: unknown, init: ResponseInit & { headers?: Record<string, string> } = {}): Response {
  return new Response(toJson(body), { ...init, headers: init.headers ? { ...init.headers, ...JSON_HEADERS } : JSON_HEADERS });
}

export function errorResponse(thrown: unknown): Response {
  const error = asExpectedError(thrown);
  if (error) {
    return jsonResponse(
      { error: { code: error.code, message: error.message, ...(error.fieldErrors ? { fields: error.fieldErrors } : {}) } },
      {
        status: error.status,
        headers: error.retryAfterSeconds !== undefined ? { "retry-after": String(Math.max(1, Math.ceil(error.retryAfterSeconds))) } : {},
      },
    );
  }
  console.error("Unexpected API error", thrown);
  return jsonResponse({ error: { code: "internal_error", message: "Something went wrong on our side. Please try again." } }, { status: 500 });
}

/** Wraps a route handler so every thrown error becomes the standard JSON error response. */
export function apiRoute<C>(handler: (request: Request, context: C) => Promise<Response>) {
  return async (request: Request, context: C): Promise<Response> => {
    try {
      return await handler(request, context);
    } catch (error) {
      return errorResponse(error);
    }
  };
}

/**
 * Parses a JSON request body: 415 unless the request says `Content-Type: application/json` (so a
 * form post or text/plain from another site is never taken for JSON), 400 for anything that isn't a
 * JSON object. Values keep their JSON types; the route's zod schema decides what each must be.
 */
export async function readJsonObject(request: Request): Promise<Record<string, unknown>> {
  const mediaType = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (mediaType !== "application/json") {
    throw new AppError("unsupported_media_type", "Send the request body as JSON with the header Content-Type: application/json.");
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new AppError("bad_request", "The request body must be valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new AppError("bad_request", "The request body must be a JSON object.");
  }
  return body as Record<string, unknown>;
}
