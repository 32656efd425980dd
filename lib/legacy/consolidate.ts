// `npm run transactions:consolidate -- --dry-run|--apply`: the seed document's Option B. Groups
// legacy per-product transactions by checkout session and merges each group into ONE transaction
// with its line items and summed totals; repoints the group's invoice, tickets and credit notes;
// deletes the merged rows; records the merged ids in transaction_consolidations.
//
// Each group is merged in its own database transaction with its rows locked, so a crash leaves
// every group either merged or untouched, and a second run skips merged groups (idempotent: the
// audit row is unique per session key and merged rows are gone). Groups it cannot merge safely are
// refused and reported, never partly merged: mixed currencies or sellers, several invoices, or
// ledger entries that point at the old rows (entries are immutable, so they cannot be repointed).
import type { Db } from "../db/client";

export interface GroupPlan {
  sessionKey: string;
  ids: string[];
  lines: number;
  currency: string;
  total: bigint;
  refused?: string;
}

export interface ConsolidationReport {
  groups: GroupPlan[];
  merged: number;
  refused: number;
}

interface Row {
  id: string;
  legacy_session_key: string;
  currency: string;
  seller_company_id: string;
  total: bigint;
}

/** Groups with more than one unmerged legacy row, oldest session first. */
export async function planConsolidation(prisma: Db): Promise<GroupPlan[]> {
  const rows = await prisma.$queryRaw<(Row & { invoices: bigint; entries: bigint; lines: bigint })[]>`
    SELECT t.id, t.legacy_session_key, t.currency::text AS currency, t.seller_company_id, t.total,
           (SELECT count(*) FROM invoices i WHERE i.transaction_id = t.id) AS invoices,
           (SELECT count(*) FROM ledger_entries e WHERE e.transaction_id = t.id) AS entries,
           (SELECT count(*) FROM transaction_line_items l WHERE l.transaction_id = t.id) AS lines
      FROM transactions t
     WHERE t.legacy AND t.legacy_id IS NOT NULL AND t.legacy_session_key IN (
           SELECT legacy_session_key FROM transactions WHERE legacy AND legacy_id IS NOT NULL
            GROUP BY legacy_session_key HAVING count(*) > 1)
     ORDER BY t.legacy_session_key, t.created_at, t.id`;
  const groups = new Map<string, typeof rows>();
  for (const r of rows) groups.set(r.legacy_session_key, [...(groups.get(r.legacy_session_key) ?? []), r]);
  return [...groups.entries()].map(([sessionKey, g]) => {
    const currencies = new Set(g.map((r) => r.currency));
    const sellers = new Set(g.map((r) => r.seller_company_id));
    const invoices = g.reduce((n, r) => n + Number(r.invoices), 0);
    const entries = g.reduce((n, r) => n + Number(r.entries), 0);
    const refused =
      currencies.size > 1
        ? `mixed currencies (${[...currencies].join(", ")})`
        : sellers.size > 1
          ? "more than one seller"
          : invoices > 1
            ? `${invoices} invoices (one checkout has one invoice)`
            : entries > 0
              ? "ledger entries reference these rows"
              : undefined;
    return {
      sessionKey,
      ids: g.map((r) => r.id),
      lines: g.reduce((n, r) => n + Number(r.lines), 0),
      currency: g[0]!.currency,
      total: g.reduce((s, r) => s + BigInt(r.total), 0n),
      ...(refused ? { refused } : {}),
    };
  });
}

async function mergeGroup(prisma: Db, plan: GroupPlan): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM transactions WHERE legacy AND legacy_id IS NOT NULL AND legacy_session_key = ${plan.sessionKey}
       ORDER BY created_at, id FOR UPDATE`;
    if (locked.map((r) => r.id).join() !== plan.ids.join()) throw new Error(`group ${plan.sessionKey} changed while consolidating; run again`);
    const old = await tx.transaction.findMany({ where: { id: { in: plan.ids } }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
    const first = old[0]!;
    const sum = (f: (t: (typeof old)[number]) => bigint) => old.reduce((s, t) => s + f(t), 0n);
    const status = old.some((t) => t.paymentStatus === "pending") ? "pending" : old.every((t) => t.paymentStatus === "refunded") ? "refunded" : "paid";
    const merged = await tx.transaction.create({
      data: {
        legacy: true,
        legacySessionKey: plan.sessionKey,
        sellerCompanyId: first.sellerCompanyId,
        buyerUserId: first.buyerUserId,
        payerType: first.payerType,
        payerName: first.payerName,
        payerEmail: first.payerEmail,
        payerCompany: first.payerCompany,
        payerVatId: first.payerVatId,
        payerAddress: first.payerAddress,
        payerCountry: first.payerCountry,
        currency: first.currency,
        subtotal: sum((t) => t.subtotal),
        taxTotal: sum((t) => t.taxTotal),
        total: sum((t) => t.total),
        refunded: sum((t) => t.refunded),
        paymentMethod: first.paymentMethod,
        paymentStatus: status,
        createdAt: first.createdAt,
      },
      select: { id: true },
    });
    // Line items keep their rows (and ids); positions are renumbered in the old rows' order.
    await tx.$executeRaw`
      UPDATE transaction_line_items l SET transaction_id = ${merged.id}, position = o.pos
        FROM (SELECT l2.id, row_number() OVER (ORDER BY array_position(${plan.ids}::text[], l2.transaction_id), l2.position) AS pos
                FROM transaction_line_items l2 WHERE l2.transaction_id = ANY(${plan.ids}::text[])) o
       WHERE l.id = o.id`;
    await tx.$executeRaw`UPDATE tickets SET transaction_id = ${merged.id} WHERE transaction_id = ANY(${plan.ids}::text[])`;
    await tx.$executeRaw`UPDATE credit_notes SET transaction_id = ${merged.id} WHERE transaction_id = ANY(${plan.ids}::text[])`;
    await tx.$executeRaw`UPDATE invoices SET transaction_id = ${merged.id} WHERE transaction_id = ANY(${plan.ids}::text[])`;
    await tx.transaction.deleteMany({ where: { id: { in: plan.ids } } });
    await tx.transactionConsolidation.create({ data: { legacySessionKey: plan.sessionKey, transactionId: merged.id, mergedIds: plan.ids } });
    return merged.id;
  });
}

export async function consolidate(prisma: Db, options: { apply: boolean; onProgress?: (p: { done: number; total: number }) => void }): Promise<ConsolidationReport> {
  const groups = await planConsolidation(prisma);
  const report: ConsolidationReport = { groups, merged: 0, refused: 0 };
  let done = 0;
  for (const plan of groups) {
    if (plan.refused) report.refused += 1;
    else if (options.apply) {
      await mergeGroup(prisma, plan);
      report.merged += 1;
    }
    options.onProgress?.({ done: (done += 1), total: groups.length });
  }
  return report;
}
