import type { Role } from "@/lib/db/generated/enums";

/** One name per role on every screen: the database's USER is a "Member" to people. */
export const ROLE_LABEL: Record<Role, string> = { ADMIN: "Admin", USER: "Member" };
