// Founding a company: the company row, its operating account (USD, with its balance row) referenced
// from companies.operating_account_id, the configured number of shares, and the founder as owner —
// all in one transaction, so a company never exists without its account or its owner.
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";
import type { Actor } from "../ledger/account-access";
import { openCompanyAccount } from "../ledger/open-account";
import { marketConfig } from "../market/config";
import { createCompanySchema, parseInput, type CreateCompanyInput } from "./company.schema";

export interface CreatedCompany {
  id: string;
  ticker: string;
  name: string;
  operatingAccountId: bigint;
}

export async function createCompany(prisma: Db, actor: Actor, input: CreateCompanyInput): Promise<CreatedCompany> {
  const { name, ticker, description } = parseInput(createCompanySchema, input, "company");
  const taken = () => new AppError("conflict", `The ticker ${ticker} is taken.`, { fieldErrors: { ticker: `The ticker ${ticker} is taken; choose another.` } });
  if (await prisma.company.findUnique({ where: { ticker }, select: { id: true } })) throw taken();
  try {
    return await prisma.$transaction(async (tx) => {
      const config = marketConfig();
      const company = await tx.company.create({
        data: { name, ticker, description, ownerId: actor.id, totalShares: config.sharesPerCompany },
        select: { id: true },
      });
      const account = await openCompanyAccount(tx, { companyId: company.id, currency: config.currency });
      await tx.company.update({ where: { id: company.id }, data: { operatingAccountId: account.id } });
      await tx.companyMember.create({ data: { companyId: company.id, userId: actor.id, role: "owner", grantedById: actor.id } });
      return { id: company.id, ticker, name, operatingAccountId: account.id };
    });
  } catch (error) {
    // Two founders racing for one ticker: the unique index decides; the loser gets the same message.
    if (isUniqueViolation(error)) throw taken();
    throw error;
  }
}

export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string } | null;
  return e?.code === "P2002" || /unique constraint|23505/i.test(e?.message ?? "");
}
