import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { Card } from "@/app/_components/card";
import { PageHeader } from "@/app/_components/page-header";
import { personLocale } from "@/app/_components/person-prefs";
import { requireUser } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listUserAccounts } from "@/lib/ledger/list-user-accounts";
import { numberSeparators } from "@/lib/money/amount";
import { TransferForm } from "./transfer-form";

export const metadata: Metadata = { title: "Transfer" };

export default async function TransferPage({ searchParams }: { searchParams: Promise<{ from?: string }> }) {
  const user = await requireUser();
  const accounts = (await listUserAccounts(db(), user.id)).filter((a) => a.status === "OPEN");
  const { from } = await searchParams;
  const { group, decimal } = numberSeparators(await personLocale());
  const options = accounts.map((a) => ({
    id: a.id.toString(),
    label: `${a.kind === "COMPANY" ? `${a.companyName} · ` : ""}${a.name} #${a.id}`,
    currency: a.currency,
    balance: a.balance.toString(),
  }));
  return (
    <>
      <PageHeader
        title="Transfer"
        description="Send money to a person (by email), a company (by ticker) or any account number. You'll see who receives it before anything moves."
      />
      <Card className="max-w-2xl">
        {options.length === 0 ? (
          <p className="text-sm text-slate-600">You have no open account to pay from.</p>
        ) : (
          // A fresh idempotency key per render, kept through review and confirm: a double Confirm or
          // a retried request posts once.
          <TransferForm
            accounts={options}
            defaultFrom={options.find((o) => o.id === from)?.id ?? options[0]!.id}
            idempotencyKey={randomUUID()}
            amountExample={`1${group}234${decimal}56`}
          />
        )}
      </Card>
    </>
  );
}
