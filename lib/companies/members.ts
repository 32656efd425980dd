// Company access: owners grant and revoke owner/manager roles by email. Only owners ("manage").
// The database keeps at least one owner per company (trigger company_members_keep_owner).
import type { Db, Tx } from "../db/client";
import { AppError } from "../errors/app-error";
import { requireCompanyAccess, type Actor, type CompanyRole } from "../ledger/account-access";
import { isRecordId } from "../validation/record-id";
import { grantAccessSchema, parseInput, type GrantAccessInput } from "./company.schema";

export interface CompanyMemberView {
  userId: string;
  name: string;
  email: string;
  role: CompanyRole;
  since: Date;
}

export async function listMembers(tx: Tx, companyId: string): Promise<CompanyMemberView[]> {
  const rows = await tx.companyMember.findMany({
    where: { companyId },
    select: { role: true, createdAt: true, user: { select: { id: true, name: true, email: true } } },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
  });
  return rows.map((r) => ({ userId: r.user.id, name: r.user.name, email: r.user.email, role: r.role, since: r.createdAt }));
}

/** Grants (or changes) a person's role. Returns the member as stored. */
export async function grantAccess(prisma: Db, actor: Actor, companyId: string, input: GrantAccessInput): Promise<CompanyMemberView> {
  const { email, role } = parseInput(grantAccessSchema, input, "access");
  return prisma.$transaction(async (tx) => {
    await requireCompanyAccess(tx, actor, { id: companyId }, "manage");
    const user = await tx.user.findUnique({ where: { email }, select: { id: true, name: true, email: true } });
    if (!user) {
      throw new AppError("not_found", `Nobody has signed up with ${email}.`, { fieldErrors: { email: `Nobody has signed up with ${email}.` } });
    }
    const member = await tx.companyMember.upsert({
      where: { companyId_userId: { companyId, userId: user.id } },
      create: { companyId, userId: user.id, role, grantedById: actor.id },
      update: { role, grantedById: actor.id },
      select: { role: true, createdAt: true },
    });
    return { userId: user.id, name: user.name, email: user.email, role: member.role, since: member.createdAt };
  }).catch(rethrowLastOwner);
}

export async function revokeAccess(prisma: Db, actor: Actor, companyId: string, userId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    await requireCompanyAccess(tx, actor, { id: companyId }, "manage");
    const { count } = isRecordId(userId) ? await tx.companyMember.deleteMany({ where: { companyId, userId } }) : { count: 0 };
    if (count === 0) throw new AppError("not_found", "That person has no access to this company.");
  }).catch(rethrowLastOwner);
}

function rethrowLastOwner(error: unknown): never {
  if (/must keep at least one owner/.test((error as Error)?.message ?? "")) {
    throw new AppError("conflict", "A company needs at least one owner: make someone else an owner first.");
  }
  throw error;
}
