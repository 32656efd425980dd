// POST /api/auth/sign-up {name, email, password} → 201 {user:{id,email,name}}.
// Errors: 422 invalid input, 409 email taken, as {"error":{"code","message","fields"}}.
// Creates the account only; sign in with the Auth.js credentials callback (see README).
import { signUp } from "@/lib/auth/sign-up";
import { AppError, isAppError } from "@/lib/errors/app-error";

export async function POST(request: Request): Promise<Response> {
  try {
    const body: unknown = await request.json().catch(() => {
      throw new AppError("bad_request", "The request body must be JSON: {\"name\", \"email\", \"password\"}.");
    });
    const input = typeof body === "object" && body !== null ? (body as Record<string, unknown>) : {};
    const user = await signUp({ name: input.name, email: input.email, password: input.password });
    return Response.json({ user: { id: user.id, email: user.email, name: user.name } }, { status: 201 });
  } catch (error) {
    if (isAppError(error)) {
      return Response.json(
        { error: { code: error.code, message: error.message, fields: error.fieldErrors ?? {} } },
        { status: error.status },
      );
    }
    console.error(error);
    return Response.json({ error: { code: "internal", message: "Something went wrong on our side.", fields: {} } }, { status: 500 });
  }
}
