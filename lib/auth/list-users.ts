// Users for the admin overview, newest first, paginated by cursor so a page is one index range
// scan however deep it is (no OFFSET).
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";

export const USERS_PAGE_SIZE = 25;

export type UserRow = { id: string; email: string; name: string; role: Role; createdAt: Date };

export async function listUsersPage({
  after,
  pageSize = USERS_PAGE_SIZE,
}: {
  /** The id of the last user on the previous page. */
  after?: string;
  pageSize?: number;
}): Promise<{ users: UserRow[]; nextCursor: string | null; total: number }> {
  const cursorRow = after ? await db().user.findUnique({ where: { id: after }, select: { id: true, createdAt: true } }) : null;
  const [rows, total] = await Promise.all([
    db().user.findMany({
      // (createdAt, id) descending; ids break ties between users created in the same millisecond.
      where: cursorRow
        ? {
            OR: [
              { createdAt: { lt: cursorRow.createdAt } },
              { createdAt: cursorRow.createdAt, id: { lt: cursorRow.id } },
            ],
          }
        : undefined,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: pageSize + 1,
      select: { id: true, email: true, name: true, role: true, createdAt: true },
    }),
    db().user.count(),
  ]);
  const users = rows.slice(0, pageSize);
  return { users, nextCursor: rows.length > pageSize ? users[users.length - 1]!.id : null, total };
}
