// The scheduled occurrence a job belongs to. pg-boss files one job per cron occurrence across all
// processes; we still key effects by the occurrence (not the job id) so that even a duplicate job
// or a retry maps to the same slot: the latest cron time at or before the job's creation.
import { CronExpressionParser } from "cron-parser";

export function slotFor(cron: string | null, createdOn: Date): Date {
  if (!cron) return new Date(Math.floor(createdOn.getTime() / 60_000) * 60_000);
  const expression = CronExpressionParser.parse(cron, { currentDate: new Date(createdOn.getTime() + 1), tz: "UTC" });
  return expression.prev().toDate();
}

export function nextRun(cron: string | null, after = new Date()): Date | null {
  if (!cron) return null;
  return CronExpressionParser.parse(cron, { currentDate: after, tz: "UTC" }).next().toDate();
}
