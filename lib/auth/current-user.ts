// The signed-in user for the current request, re-read from the database (the session cookie holds
// only the id). React `cache` makes the layout, page and any component share one lookup per request.
import { cache } from "react";
import { auth } from "./auth";
import { findSessionUser, type SessionUser } from "./session-user";

export const getCurrentUser = cache(async (): Promise<SessionUser | null> => {
  const session = await auth();
  const id = session?.user?.id;
  if (!id) return null;
  return findSessionUser(id);
});
