// What the admin balance routes stream (app/api/v1/admin/balances/*), as the browser receives it:
// BigInts arrive as decimal strings.
export interface ProgressLine {
  type: "progress";
  done: number;
  total: number;
}

export interface ViolationJson {
  kind: string;
  accountId: string | null;
  currency: string;
  message: string;
  details: Record<string, string | number>;
}

export interface VerifyResultLine {
  type: "result";
  violations: ViolationJson[];
  accountsChecked: number;
  entriesChecked: number;
  durationMs: number;
}

export interface CorrectionJson {
  accountId: string;
  currency: string;
  before: string | null;
  after: string;
}

export interface RecalculateResultLine {
  type: "result";
  corrected: CorrectionJson[];
  accountsChecked: number;
  durationMs: number;
}

export interface ErrorLine {
  type: "error";
  error: { code: string; message: string };
}

export type StreamLine<R> = ProgressLine | R | ErrorLine;
