import type { Metadata } from "next";
import { buttonClass } from "@/app/_components/button-class";
import { Card } from "@/app/_components/card";
import { formatDateTime } from "@/app/_components/format-date";
import { PageHeader } from "@/app/_components/page-header";
import { requireAdmin } from "@/lib/auth/require-user";
import { db } from "@/lib/db/client";
import { listJobOverview, type JobRunView } from "@/lib/jobs/job-overview";
import { pauseJobAction, sendJobAction } from "./actions";

export const metadata: Metadata = { title: "Admin · Jobs" };
export const dynamic = "force-dynamic";

const STATUS_TONE: Record<string, string> = {
  completed: "bg-emerald-50 text-emerald-800",
  failed: "bg-red-50 text-red-800",
  running: "bg-amber-50 text-amber-800",
  skipped: "bg-slate-100 text-slate-700",
};

export default async function AdminJobsPage() {
  await requireAdmin();
  const jobs = await listJobOverview(db());
  return (
    <>
      <PageHeader title="Jobs" description="Scheduled jobs (pg-boss). Failures are retried with exponential backoff; each execution is listed with its outcome." />
      <div className="space-y-6">
        {jobs.map((job) => (
          <Card key={job.name} title={job.title} description={job.description}>
            <div className="flex flex-wrap items-center gap-x-6 gap-y-2 text-sm" data-testid={`job-${job.name}`}>
              <span>
                Schedule <code className="rounded bg-slate-100 px-1">{job.cron ?? "on demand"}</code> (UTC)
              </span>
              <span>Next run: {job.paused ? <strong>paused</strong> : job.nextRunAt ? formatDateTime(job.nextRunAt) : "—"}</span>
              {job.queue ? (
                <span className="text-slate-600">
                  Queue: {Object.entries(job.queue).map(([state, n]) => `${state} ${n}`).join(" · ") || "empty"}
                </span>
              ) : (
                <span className="text-slate-600">No worker has started yet.</span>
              )}
              <span className="flex gap-2 sm:ml-auto">
                <form action={pauseJobAction}>
                  <input type="hidden" name="name" value={job.name} />
                  <input type="hidden" name="paused" value={job.paused ? "false" : "true"} />
                  <button type="submit" className={buttonClass("secondary")}>
                    {job.paused ? "Resume" : "Pause"}
                  </button>
                </form>
                <form action={sendJobAction}>
                  <input type="hidden" name="name" value={job.name} />
                  <button type="submit" className={buttonClass("secondary")}>
                    Queue now
                  </button>
                </form>
              </span>
            </div>
            <RunList title="Last runs" runs={job.lastRuns} empty="Not run yet." />
            {job.failures.length > 0 ? <RunList title="Recent failures" runs={job.failures} empty="" /> : null}
          </Card>
        ))}
      </div>
    </>
  );
}

function RunList({ title, runs, empty }: { title: string; runs: JobRunView[]; empty: string }) {
  return (
    <div className="mt-4">
      <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
      {runs.length === 0 ? (
        <p className="mt-1 text-sm text-slate-600">{empty}</p>
      ) : (
        <ul className="mt-2 divide-y divide-slate-100 text-sm">
          {runs.map((r) => (
            <li key={r.id} className="flex flex-wrap items-baseline gap-x-4 gap-y-1 py-2">
              <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATUS_TONE[r.status] ?? "bg-slate-100"}`}>{r.status}</span>
              <span className="text-slate-700">{formatDateTime(r.startedAt)}</span>
              <span className="tabular-nums text-slate-600">{r.durationMs === null ? "…" : `${r.durationMs} ms`}</span>
              {r.attempt > 0 ? <span className="text-slate-600">retry {r.attempt}</span> : null}
              {r.error ? <span className="w-full break-words font-mono text-xs text-red-700">{r.error}</span> : null}
              {r.output && !r.error ? <span className="w-full break-all font-mono text-xs text-slate-500">{JSON.stringify(r.output)}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
