"use client";

// The Recalculate all / Verify buttons: POSTs to the admin balance routes, reads their NDJSON
// stream, shows a live progress bar, then the result. After a run the page's server data (the
// per-currency totals) is refreshed.
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/button";
import { ConfirmButton } from "@/app/_components/confirm-button";
import { FormAlert } from "@/app/_components/form-alert";
import { Money } from "@/app/_components/money";
import { ResponsiveTable, type ResponsiveColumn, type ResponsiveRow } from "@/app/_components/responsive-table";
import { readNdjson } from "./read-ndjson";
import type { CorrectionJson, ProgressLine, RecalculateResultLine, StreamLine, VerifyResultLine, ViolationJson } from "./stream-lines";

type Job = "verify" | "recalculate";
type Result = { job: "verify"; data: VerifyResultLine } | { job: "recalculate"; data: RecalculateResultLine };

const LABELS: Record<Job, { running: string; url: string }> = {
  verify: { running: "Verifying", url: "/api/v1/admin/balances/verify" },
  recalculate: { running: "Recalculating", url: "/api/v1/admin/balances/recalculate" },
};

export function BalanceTools() {
  const router = useRouter();
  const [running, setRunning] = useState<Job | null>(null);
  const [progress, setProgress] = useState<ProgressLine | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(job: Job) {
    setRunning(job);
    setProgress(null);
    setResult(null);
    setError(null);
    try {
      const response = await fetch(LABELS[job].url, { method: "POST", headers: { accept: "application/x-ndjson" } });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
      }
      for await (const line of readNdjson<StreamLine<VerifyResultLine | RecalculateResultLine>>(response.body)) {
        if (line.type === "progress") setProgress(line);
        else if (line.type === "error") throw new Error(line.error.message);
        else setResult(job === "verify" ? { job, data: line as VerifyResultLine } : { job, data: line as RecalculateResultLine });
      }
      router.refresh();
    } catch (e) {
      setError(e instanceof Error ? e.message : "Something went wrong. Please try again.");
    } finally {
      setRunning(null);
    }
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => run("verify")} disabled={running !== null}>
          Verify
        </Button>
        <ConfirmButton
          variant="secondary"
          onConfirm={() => run("recalculate")}
          disabled={running !== null}
          question="Recalculate every balance from the ledger? Balance rows that disagree with it are overwritten; each correction is listed afterwards."
          confirmLabel="Yes, recalculate"
        >
          Recalculate all
        </ConfirmButton>
      </div>

      {running ? <ProgressBar label={LABELS[running].running} progress={progress} /> : null}
      <FormAlert message={error ?? undefined} />
      {result?.job === "verify" ? <VerifyResult data={result.data} /> : null}
      {result?.job === "recalculate" ? <RecalculateResult data={result.data} /> : null}
    </div>
  );
}

function ProgressBar({ label, progress }: { label: string; progress: ProgressLine | null }) {
  const text = progress ? `${label}: ${progress.done.toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")} accounts` : `${label}…`;
  return (
    <div className="space-y-1.5">
      {/* Without a total yet the bar is indeterminate (no value attribute). */}
      <progress
        className="h-2 w-full max-w-xl overflow-hidden rounded-full accent-indigo-600"
        aria-label={`${label} progress`}
        max={progress?.total || 1}
        value={progress ? progress.done : undefined}
      />
      <p className="text-sm text-slate-600" aria-live="polite">
        {text}
      </p>
    </div>
  );
}

function VerifyResult({ data }: { data: VerifyResultLine }) {
  const n = data.violations.length;
  const summary = `${data.accountsChecked.toLocaleString("en-US")} accounts and ${data.entriesChecked.toLocaleString("en-US")} live entries checked in ${data.durationMs} ms.`;
  if (n === 0) {
    return (
      <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
        <strong className="font-semibold">0 violations.</strong> {summary}
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <div role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 ring-1 ring-inset ring-red-200">
        <strong className="font-semibold">
          {n} violation{n === 1 ? "" : "s"}.
        </strong>{" "}
        {summary} Recalculate all fixes balance rows; a broken chain needs a correcting entry.
      </div>
      <ResultTable
        caption="Violations"
        columns={[
          { key: "kind", header: "Kind", phone: "title", className: "font-mono text-xs text-slate-800" },
          { key: "account", header: "Account", phone: "amount", className: "tabular-nums" },
          { key: "currency", header: "Currency", phone: "sub" },
          { key: "problem", header: "Problem", phone: "detail", className: "text-slate-700" },
        ]}
        rows={data.violations.map((v: ViolationJson, i) => ({
          id: `${v.kind}-${v.accountId}-${i}`,
          cells: { kind: v.kind, account: v.accountId ? `#${v.accountId}` : "—", currency: v.currency, problem: v.message },
        }))}
      />
    </div>
  );
}

function RecalculateResult({ data }: { data: RecalculateResultLine }) {
  const n = data.corrected.length;
  const summary = `${data.accountsChecked.toLocaleString("en-US")} accounts recalculated in ${data.durationMs} ms.`;
  if (n === 0) {
    return (
      <div role="status" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800 ring-1 ring-inset ring-emerald-200">
        <strong className="font-semibold">No balances needed correcting.</strong> {summary}
      </div>
    );
  }
  return (
    <div className="space-y-3">
      <div role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-inset ring-amber-200">
        <strong className="font-semibold">
          {n} balance{n === 1 ? "" : "s"} corrected.
        </strong>{" "}
        {summary}
      </div>
      <ResultTable
        caption="Corrected balances"
        columns={[
          { key: "account", header: "Account", phone: "title", className: "tabular-nums" },
          { key: "before", header: "Before", align: "right", phone: "detail" },
          { key: "after", header: "After", align: "right", phone: "sub-amount" },
          { key: "change", header: "Change", align: "right", phone: "amount" },
        ]}
        rows={data.corrected.map((c: CorrectionJson) => ({
          id: c.accountId,
          cells: {
            account: `#${c.accountId}`,
            before: c.before === null ? "no balance row" : <Money minor={c.before} currency={c.currency} />,
            after: <Money minor={c.after} currency={c.currency} />,
            change: <Money minor={BigInt(c.after) - BigInt(c.before ?? "0")} currency={c.currency} signed />,
          },
        }))}
      />
    </div>
  );
}

function ResultTable({ caption, columns, rows }: { caption: string; columns: ResponsiveColumn[]; rows: ResponsiveRow[] }) {
  return (
    <div className="rounded-lg bg-white shadow-sm ring-1 ring-slate-200 max-md:px-4">
      <ResponsiveTable caption={caption} columns={columns} rows={rows} dense />
    </div>
  );
}
